package main

import (
	"fmt"
	"hash/fnv"
	"sync"
)

type Job struct {
	ID   string
	Name string
}

// One lock per shard: a job's ID picks its shard (by its FNV-1a hash), so
// CreateJob calls for different shards never wait for each other.
const shards = 4

type shard struct {
	mu   sync.Mutex
	jobs map[string]Job
}

type StripedJobStore struct {
	shards [shards]shard
}

func NewStripedJobStore() *StripedJobStore {
	s := &StripedJobStore{}
	for i := range s.shards {
		s.shards[i].jobs = make(map[string]Job)
	}
	return s
}

func (s *StripedJobStore) shardFor(id string) *shard {
	h := fnv.New32a()
	h.Write([]byte(id))
	return &s.shards[h.Sum32()%shards]
}

func (s *StripedJobStore) CreateJob(job Job) {
	sh := s.shardFor(job.ID)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.jobs[job.ID] = job
}

func (s *StripedJobStore) Count() int {
	n := 0
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.Lock()
		n += len(sh.jobs)
		sh.mu.Unlock()
	}
	return n
}

func main() {
	store := NewStripedJobStore()
	var wg sync.WaitGroup
	// job-0 and job-4 hash to the same shard; job-1 has one of its own
	for _, id := range []string{"job-0", "job-1", "job-4"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			store.CreateJob(Job{ID: id, Name: "build"})
		}()
	}
	wg.Wait()
	fmt.Println(store.Count(), "jobs")
}
