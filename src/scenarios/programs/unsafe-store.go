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
	s.jobs[job.ID] = job // race condition!
}

func (s *InMemoryJobStore) GetJobs() []Job {
	jobs := []Job{}
	for _, job := range s.jobs { // race condition!
		jobs = append(jobs, job)
	}
	return jobs
}

func main() {
	store := &InMemoryJobStore{jobs: make(map[string]Job)}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			store.CreateJob(Job{ID: fmt.Sprintf("job-%d", i), Name: "build"})
		}()
	}
	wg.Wait()
	fmt.Println(len(store.GetJobs()), "jobs")
}
