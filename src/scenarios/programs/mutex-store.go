package main

import (
	"fmt"
	"sync"
)

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

func (s *InMemoryJobStore) GetJobs() []Job {
	s.mu.Lock()
	defer s.mu.Unlock()
	jobs := make([]Job, 0, len(s.jobs))
	for _, job := range s.jobs {
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
