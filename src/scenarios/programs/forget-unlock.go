package main

import (
	"fmt"
	"sync"
)

type Job struct {
	ID string
}

type Store struct {
	mu   sync.Mutex
	jobs map[string]Job
}

// ❌ BAD: Lock but no unlock
func (s *Store) CreateJob(job Job) {
	s.mu.Lock()
	s.jobs[job.ID] = job
	// Forgot to unlock! 💥
}

func main() {
	s := &Store{jobs: make(map[string]Job)}
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.CreateJob(Job{ID: fmt.Sprintf("job-%d", i)})
		}()
	}
	wg.Wait()
	fmt.Println(len(s.jobs), "jobs")
}
