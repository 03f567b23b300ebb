package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu   sync.RWMutex
	jobs map[string]string
}

func (s *Store) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.jobs)
}

// ❌ BAD: GetJobs holds a read lock and calls Count, which takes it again.
func (s *Store) GetJobs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, s.Count())
	for _, j := range s.jobs {
		out = append(out, j)
	}
	return out
}

func (s *Store) CreateJob(id, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jobs[id] = name
}

func main() {
	s := &Store{jobs: map[string]string{"a": "build"}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_ = s.GetJobs()
	}()
	go func() {
		defer wg.Done()
		s.CreateJob("b", "test")
	}()
	wg.Wait()
	fmt.Println(len(s.GetJobs()), "jobs")
}
