package main

import (
	"fmt"
	"sync"
	"time"
)

type Store struct {
	mu   sync.Mutex
	jobs map[int]string
}

func (s *Store) CreateJob(id int) {
	// ❌ check, then make: every goroutine that checks before the first one
	// finishes makes a map of its own
	if s.jobs == nil {
		fmt.Println("made the map")
		time.Sleep(time.Millisecond) // making it is slow (say, loading from disk)
		s.jobs = map[int]string{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jobs[id] = "job"
}

func main() {
	s := &Store{}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s.CreateJob(i)
		}(i)
	}
	wg.Wait()
	fmt.Println(len(s.jobs), "jobs")
}
