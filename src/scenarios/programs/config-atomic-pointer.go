package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Config struct {
	Workers int
	Name    string
}

// ✅ the config is replaced whole, by one atomic store; readers load it atomically
var current atomic.Pointer[Config]

func main() {
	current.Store(&Config{Workers: 1, Name: "small"})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		cfg := current.Load() // ✅ one step: the old config or the new one, never half of each
		_ = cfg.Workers
	}()
	go func() {
		defer wg.Done()
		current.Store(&Config{Workers: 4, Name: "large"}) // ✅
	}()
	wg.Wait()
	fmt.Println("config:", current.Load().Name)
}
