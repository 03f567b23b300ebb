package main

import (
	"fmt"
	"sync"
)

type Job struct {
	ID   string
	Name string
}

// ❌ BAD: no mutex protection
type InMemoryJobStore struct {
	jobs map[string]Job
}

func (s *InMemoryJobStore) CreateJob(job Job) {
	s.jobs[job.ID] = job // write
}

func (s *InMemoryJobStore) GetJob(id string) (Job, bool) {
	job, ok := s.jobs[id] // read, while CreateJob may be writing
	return job, ok
}

func main() {
	store := &InMemoryJobStore{jobs: map[string]Job{"job-1": {ID: "job-1", Name: "build"}}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		store.CreateJob(Job{ID: "job-2", Name: "test"})
	}()
	go func() {
		defer wg.Done()
		job, ok := store.GetJob("job-1")
		fmt.Println(job.Name, ok)
	}()
	wg.Wait()
}
