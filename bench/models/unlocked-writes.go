package main

import (
	"fmt"
	"sync"
)

// A bug for the explorer to find: N goroutines each write the map K times with no lock.
// Two writes at once are "fatal error: concurrent map writes".
const N = 6
const K = 3

var m = map[int]int{}

func worker(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < K; i++ {
		m[id*K+i] = i
	}
}

func main() {
	var wg sync.WaitGroup
	for i := 0; i < N; i++ {
		wg.Add(1)
		go worker(i, &wg)
	}
	wg.Wait()
	fmt.Println(len(m), "entries")
}
