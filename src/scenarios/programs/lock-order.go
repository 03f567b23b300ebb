package main

import (
	"fmt"
	"sync"
)

type Queue struct {
	mu   sync.Mutex
	jobs []string
}

// ❌ Move locks from, then to: two moves in opposite directions lock in opposite orders.
func Move(from, to *Queue) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	if len(from.jobs) > 0 {
		to.jobs = append(to.jobs, from.jobs[0])
		from.jobs = from.jobs[1:]
	}
}

func main() {
	pending := &Queue{jobs: []string{"a", "b"}}
	running := &Queue{jobs: []string{"c"}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); Move(pending, running) }()
	go func() { defer wg.Done(); Move(running, pending) }()
	wg.Wait()
	fmt.Println(len(pending.jobs), len(running.jobs))
}
