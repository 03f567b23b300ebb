package main

import (
	"fmt"
	"sort"
	"sync"
)

// A job queue: takers wait on a sync.Cond until a job is there.
type Queue struct {
	mu   sync.Mutex
	cond *sync.Cond
	jobs []string
}

func NewQueue() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *Queue) Put(job string) {
	q.mu.Lock()
	q.jobs = append(q.jobs, job)
	q.mu.Unlock()
	q.cond.Signal() // wake one taker
}

func (q *Queue) Take() string {
	q.mu.Lock()
	defer q.mu.Unlock()
	// ✅ looks again after every wake-up: Wait returns with the lock
	// held, but another taker may have taken the job in between
	for len(q.jobs) == 0 {
		q.cond.Wait()
	}
	job := q.jobs[0]
	q.jobs = q.jobs[1:]
	return job
}

func main() {
	q := NewQueue()
	var wg sync.WaitGroup
	var taken [2]string // each taker its own element: no race between them
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			taken[i] = q.Take()
		}()
	}
	q.Put("a")
	q.Put("b")
	wg.Wait()
	jobs := taken[:]
	sort.Strings(jobs) // (who took which depends on the schedule)
	fmt.Println("took", jobs)
}
