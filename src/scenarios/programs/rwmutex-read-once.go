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
	return s.countLocked()
}

// countLocked needs s.mu held (for reading or writing).
func (s *Store) countLocked() int {
	return len(s.jobs)
}

// ✅ GOOD: GetJobs calls countLocked, which assumes the read lock is held.
func (s *Store) GetJobs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, s.countLocked())
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
