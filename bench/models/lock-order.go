package main

import (
	"fmt"
	"sync"
)

// A bug for the explorer to find: N goroutines move jobs between two queues, K times each,
// the even ones from a to b and the odd ones from b to a. Move locks the source, then the
// destination, so two moves in opposite directions can each hold the lock the other needs:
// "fatal error: all goroutines are asleep - deadlock!".
const N = 6
const K = 3

type Queue struct {
	mu   sync.Mutex
	jobs int
}

func Move(from, to *Queue) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	if from.jobs > 0 {
		from.jobs--
		to.jobs++
	}
}

func main() {
	a := &Queue{jobs: N * K}
	b := &Queue{}
	var wg sync.WaitGroup
	for i := 0; i < N; i++ {
		from, to := a, b
		if i%2 == 1 {
			from, to = b, a
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < K; k++ {
				Move(from, to)
			}
		}()
	}
	wg.Wait()
	fmt.Println(a.jobs+b.jobs, "jobs")
}
