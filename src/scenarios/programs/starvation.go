package main

import (
	"fmt"
	"sync"
	"time"
)

// A busy goroutine takes the lock again right after releasing it, while another waits.
// Each critical section takes 300µs of (virtual) time. Watch the waiter: in normal mode
// the busy goroutine keeps barging ahead; once the waiter has waited more than 1 ms, the
// mutex switches to starvation mode and hands the lock straight to it.
func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 8; i++ {
			mu.Lock()
			time.Sleep(300 * time.Microsecond)
			mu.Unlock()
		}
	}()
	go func() {
		defer wg.Done()
		time.Sleep(100 * time.Microsecond)
		start := time.Now()
		mu.Lock()
		fmt.Println("waiter got the lock after", time.Since(start))
		mu.Unlock()
	}()
	wg.Wait()
}
