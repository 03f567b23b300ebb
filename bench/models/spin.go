package main

import "sync"

// The explorer's benchmark model, as in SPIN's comparison: N goroutines, each taking a
// Mutex, writing the map and unlocking K times.
const N = 4
const K = 3

var mu sync.Mutex
var m = map[int]int{}

func worker(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < K; i++ {
		mu.Lock()
		m[id*K+i] = i
		mu.Unlock()
	}
}

func main() {
	var wg sync.WaitGroup
	for i := 0; i < N; i++ {
		wg.Add(1)
		go worker(i, &wg)
	}
	wg.Wait()
}
