package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu    sync.Mutex
	views map[string]int
}

// ✅ The read and the write happen under one Lock.
func (s *Store) View(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.views[id] = s.views[id] + 1
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
