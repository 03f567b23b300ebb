package main

import (
	"fmt"
	"sync"
)

// A harder lock-order bug (the dining philosophers): N goroutines in a ring, goroutine i
// taking lock i, then lock i+1, K times. Only when every goroutine holds its first lock does
// each wait for the next: "fatal error: all goroutines are asleep - deadlock!".
const N = 6
const K = 3

type Lock struct {
	mu    sync.Mutex
	moves int
}

var locks = make([]*Lock, N)

func worker(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	first, second := locks[id], locks[(id+1)%N]
	for i := 0; i < K; i++ {
		first.mu.Lock()
		second.mu.Lock()
		first.moves++
		second.mu.Unlock()
		first.mu.Unlock()
	}
}

func main() {
	for i := range locks {
		locks[i] = &Lock{}
	}
	var wg sync.WaitGroup
	for i := 0; i < N; i++ {
		wg.Add(1)
		go worker(i, &wg)
	}
	wg.Wait()
	moves := 0
	for _, l := range locks {
		moves += l.moves
	}
	fmt.Println(moves, "moves")
}
