package main

import (
	"fmt"
	"sync"
)

// The Mutex store under load: 64 requests, each creating 20 jobs. Watch the wait queue.
const N = 64
const K = 20

type Job struct {
	ID   string
	Name string
}

type InMemoryJobStore struct {
	jobs map[string]Job
	mu   sync.Mutex
}

func (s *InMemoryJobStore) CreateJob(job Job) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jobs[job.ID] = job
}

func (s *InMemoryJobStore) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.jobs)
}

func main() {
	store := &InMemoryJobStore{jobs: make(map[string]Job)}
	var wg sync.WaitGroup
	for g := 0; g < N; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < K; k++ {
				store.CreateJob(Job{ID: fmt.Sprint(g*K + k), Name: "build"})
			}
		}()
	}
	wg.Wait()
	fmt.Println(store.Count(), "jobs")
}
