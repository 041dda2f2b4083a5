// Command train rebuilds the weights of a classify model from the shared
// data and prints its scores on the valid split:
//
//	go run ./bahasa/classify/internal/train -task lang -data ../shared/data -seed 1 \
//		-out bahasa/classify/langid/model.bin.gz
//	go run ./bahasa/classify/internal/train -task sentiment -data ../shared/data -seed 1 \
//		-out bahasa/classify/sentiment/model.bin.gz -words bahasa/classify/sentiment/words.bin.gz \
//		-stack bahasa/classify/sentiment/stack.bin
//
// The same data and seed always give the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sinergi-id/sinergi/bahasa/classify/langid"
	"github.com/sinergi-id/sinergi/bahasa/classify/sentiment"
)

func main() {
	task := flag.String("task", "", "model to train: lang or sentiment")
	data := flag.String("data", "../shared/data", "folder holding nusax-mt/ and sentiment-smsa/")
	seed := flag.Uint64("seed", 1, "training seed (salts the feature hashes)")
	out := flag.String("out", "", "file to write the gzip-compressed weights to")
	words := flag.String("words", "", "sentiment only: file for the weights of the word-only ensemble member")
	stack := flag.String("stack", "", "sentiment only: file for the weights of the stacker")
	flag.Parse()
	if err := run(*task, *data, *seed, *out, *words, *stack); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(task, data string, seed uint64, out, words, stack string) error {
	if out == "" {
		return fmt.Errorf("-out is required")
	}
	if (task == "sentiment") != (words != "") || (task == "sentiment") != (stack != "") {
		return fmt.Errorf("-words and -stack are required for -task sentiment and only for it")
	}
	start := time.Now()
	var model []byte
	var report string
	var err error
	switch task {
	case "lang":
		model, report, err = trainLang(filepath.Join(data, "nusax-mt"), seed)
	case "sentiment":
		var w sentiment.Weights
		w, report, err = trainSentiment(filepath.Join(data, "sentiment-smsa"), seed)
		model = w.Full
		if err == nil {
			for _, f := range []struct {
				path string
				data []byte
			}{{words, w.Words}, {stack, w.Stack}} {
				if err := os.WriteFile(f.path, f.data, 0o644); err != nil {
					return err
				}
				fmt.Printf("wrote %s (%d bytes)\n", f.path, len(f.data))
			}
		}
	default:
		return fmt.Errorf("-task must be lang or sentiment, not %q", task)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, model, 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s (%d bytes) in %s\nvalid:\n%s", out, len(model), time.Since(start).Round(time.Millisecond), report)
	return nil
}

func trainLang(dir string, seed uint64) ([]byte, string, error) {
	read := func(name string) ([]langid.Example, error) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return langid.ReadNusaX(f)
	}
	train, err := read("train.csv")
	if err != nil {
		return nil, "", err
	}
	valid, err := read("valid.csv")
	if err != nil {
		return nil, "", err
	}
	model, err := langid.Train(train, seed)
	if err != nil {
		return nil, "", err
	}
	m, err := langid.Decode(model)
	if err != nil {
		return nil, "", err
	}
	return model, m.Evaluate(valid).String(), nil
}

func trainSentiment(dir string, seed uint64) (sentiment.Weights, string, error) {
	read := func(name string) ([]sentiment.Example, error) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return sentiment.ReadSmSA(f)
	}
	train, err := read("train_preprocess.tsv")
	if err != nil {
		return sentiment.Weights{}, "", err
	}
	valid, err := read("valid_preprocess.tsv")
	if err != nil {
		return sentiment.Weights{}, "", err
	}
	model, err := sentiment.Train(train, seed)
	if err != nil {
		return sentiment.Weights{}, "", err
	}
	m, err := sentiment.Decode(model)
	if err != nil {
		return sentiment.Weights{}, "", err
	}
	return model, m.Evaluate(valid).String(), nil
}
