package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

var hits int64

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		atomic.AddInt64(&hits, 1)
	}()
	go func() {
		defer wg.Done()
		atomic.AddInt64(&hits, 1) // ✅ atomic too
	}()
	wg.Wait()
	fmt.Println("hits:", atomic.LoadInt64(&hits))
}
