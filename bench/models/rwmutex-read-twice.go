package main

import (
	"fmt"
	"sync"
)

// A bug for the explorer to find: N-1 readers each list the store K times, and the listing
// takes the read lock twice (List calls Count); one writer adds K jobs. A writer waiting
// for the lock makes the second RLock wait behind it, while the writer waits for the first:
// "fatal error: all goroutines are asleep - deadlock!".
const N = 6
const K = 3

type Store struct {
	mu   sync.RWMutex
	jobs map[int]string
}

func (s *Store) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.jobs)
}

func (s *Store) List() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.Count()
}

func (s *Store) Add(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jobs[id] = "build"
}

func main() {
	s := &Store{jobs: map[int]string{}}
	var wg sync.WaitGroup
	wg.Add(N)
	for r := 1; r < N; r++ {
		go func() {
			defer wg.Done()
			for i := 0; i < K; i++ {
				s.List()
			}
		}()
	}
	go func() {
		defer wg.Done()
		for i := 0; i < K; i++ {
			s.Add(i)
		}
	}()
	wg.Wait()
	fmt.Println(len(s.jobs), "jobs")
}
