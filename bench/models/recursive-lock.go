package main

import (
	"fmt"
	"sync"
)

// A bug for the explorer to find: N goroutines each update the store K times; the last
// update calls a helper that takes the same sync.Mutex again. A Mutex is not reentrant:
// "fatal error: all goroutines are asleep - deadlock!".
const N = 6
const K = 3

type Store struct {
	mu    sync.Mutex
	count int
}

func (s *Store) audit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count++
}

func (s *Store) update(last bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count++
	if last {
		s.audit()
	}
}

func main() {
	s := &Store{}
	var wg sync.WaitGroup
	for g := 0; g < N; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < K; i++ {
				s.update(i == K-1)
			}
		}()
	}
	wg.Wait()
	fmt.Println(s.count, "updates")
}
