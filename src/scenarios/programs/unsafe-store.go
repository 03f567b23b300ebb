package main

import (
	"fmt"
	"sync"
)

type Job struct {
	ID string
}

type InMemoryJobStore struct {
	jobs map[string]Job
}

func (s *InMemoryJobStore) CreateJob(job Job) {
	s.jobs[job.ID] = job
}

func (s *InMemoryJobStore) GetJobs() []Job {
	jobs := []Job{}
	for _, job := range s.jobs {
		jobs = append(jobs, job)
	}
	return jobs
}

func main() {
	s := &InMemoryJobStore{jobs: map[string]Job{}}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.CreateJob(Job{ID: fmt.Sprint("job-", i)})
		}()
	}
	wg.Wait()
	fmt.Println(len(s.GetJobs()))
}
