package main

import (
	"fmt"
	"sync"
)

type Queue struct {
	rank int
	mu   sync.Mutex
	jobs []string
}

// ✅ Move always locks the lower-ranked queue first, whatever the direction.
func Move(from, to *Queue) {
	first, second := from, to
	if to.rank < from.rank {
		first, second = to, from
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	if len(from.jobs) > 0 {
		to.jobs = append(to.jobs, from.jobs[0])
		from.jobs = from.jobs[1:]
	}
}

func main() {
	pending := &Queue{rank: 1, jobs: []string{"a", "b"}}
	running := &Queue{rank: 2, jobs: []string{"c"}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); Move(pending, running) }()
	go func() { defer wg.Done(); Move(running, pending) }()
	wg.Wait()
	fmt.Println(len(pending.jobs), len(running.jobs))
}
