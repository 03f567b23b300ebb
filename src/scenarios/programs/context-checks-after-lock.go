package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

type Store struct {
	mu   sync.Mutex
	jobs map[string]string
}

// A slow request: it holds the lock across a 50 ms call.
func (s *Store) Refresh() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if resp, err := http.Get("https://api.example.com"); err == nil {
		resp.Body.Close()
	}
}

// ✅ Lock still cannot be cancelled, but once it is held the request checks whether
// anyone still wants the answer.
func (s *Store) CreateJob(ctx context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	s.jobs[id] = "build"
	return nil
}

func main() {
	s := &Store{jobs: map[string]string{}}
	start := time.Now()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		s.Refresh()
	}()
	go func() {
		defer wg.Done()
		time.Sleep(time.Millisecond)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		err := s.CreateJob(ctx, "job-1")
		fmt.Println("CreateJob:", err, "after", time.Since(start), "- ctx:", ctx.Err())
	}()
	wg.Wait()
}
