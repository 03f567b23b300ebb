package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu    sync.Mutex
	views map[string]int
}

// ❌ Each step holds the lock, but not the read and the write together.
func (s *Store) View(id string) {
	s.mu.Lock()
	n := s.views[id]
	s.mu.Unlock()

	s.mu.Lock()
	s.views[id] = n + 1
	s.mu.Unlock()
}

func main() {
	s := &Store{views: map[string]int{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); s.View("job-1") }()
	go func() { defer wg.Done(); s.View("job-1") }()
	wg.Wait()
	fmt.Println("views:", s.views["job-1"])
}
