package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/eval"
	"github.com/dossier-news/dossier/internal/headline"
)

func newTrainCmd(stdio Stdio) *cobra.Command {
	c := &cobra.Command{
		Use:   "train MODEL",
		Short: "Rebuild a shipped model from the data sets (MODEL: ner, headline)",
		Long: `Train rebuilds one of the models shipped inside the binary. Training is
reproducible: the same data, options and seed give a byte-identical file.
Commit the file and rebuild dossier to ship it. See
internal/entity/model/TRAINING.md and internal/headline/model/TRAINING.md
for the data and the figures.`,
	}
	c.AddCommand(newTrainNERCmd(stdio), newTrainHeadlineCmd(stdio))
	return c
}

func newTrainNERCmd(stdio Stdio) *cobra.Command {
	var (
		data string
		out  string
		opts entity.TrainOptions
	)
	c := &cobra.Command{
		Use:   "ner",
		Short: "Train the named-entity recognizer on CoNLL++ (train; dev picks the best pass)",
		Long: `Train the named-entity recognizer (averaged perceptron, beam search with
early update) on
DATA/conll/conllpp_train.txt, choosing the best pass on conllpp_dev.txt.
Word clusters are learned from the CoNLL training words and the raw text of
DATA/bbc, DATA/polnear, DATA/multinews and DATA/ecbplus. The model is written gzip-compressed to --out.`,
		Example: `  dossier train ner --data ../shared/data --out internal/entity/model/ner.bin.gz`,
		Args:    exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			train, err := readCoNLL(filepath.Join(data, "conll", "conllpp_train.txt"))
			if err != nil {
				return err
			}
			dev, err := readCoNLL(filepath.Join(data, "conll", "conllpp_dev.txt"))
			if err != nil {
				return err
			}
			opts.Unlabelled, err = entity.UnlabelledText(data)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdio.Err, "training on %d sentences (dev %d), clusters from %d lines of raw text\n", len(train), len(dev), len(opts.Unlabelled))
			m, err := entity.Train(c.Context(), train, dev, opts, stdio.Err)
			if err != nil {
				return err
			}
			tmp := out + ".tmp"
			f, err := os.Create(tmp)
			if err != nil {
				return err
			}
			n, err := m.WriteTo(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				os.Remove(tmp)
				return fmt.Errorf("write %s: %w", out, err)
			}
			if err := os.Rename(tmp, out); err != nil {
				return err
			}
			fmt.Fprintf(stdio.Out, "wrote %s (%s)\n", out, humanBytes(n))
			return nil
		},
	}
	c.Flags().StringVar(&data, "data", defaultDataDir(), "directory of the data sets (env DOSSIER_DATA)")
	c.Flags().StringVar(&out, "out", "internal/entity/model/ner.bin.gz", "model file to write")
	c.Flags().IntVar(&opts.Iterations, "iterations", 0, "passes over the training data (default: the package default)")
	c.Flags().Uint64Var(&opts.Seed, "seed", 0, "seed of the document order and case augmentation (default 1)")
	c.Flags().IntVar(&opts.Beam, "beam", 0, "beam width in training and tagging (default 4; 1 for greedy)")
	return c
}

func readCoNLL(path string) ([]entity.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := entity.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func newTrainHeadlineCmd(stdio Stdio) *cobra.Command {
	var (
		data string
		out  string
		opts headline.TrainOptions
	)
	c := &cobra.Command{
		Use:   "headline",
		Short: "Train the headline stance model on FNC-1 (train part of the Body ID split)",
		Long: `Train the headline stance model (multinomial logistic regression over
overlap, cosine, cue-word and hashed word features) on the train part of
DATA/fnc1 (` + eval.FNC1Split + `). The dev part is left for
'dossier eval headline'. The model is written gzip-compressed to --out.`,
		Example: `  dossier train headline --data ../shared/data --out internal/headline/model/headline.bin.gz`,
		Args:    exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			train, dev, err := eval.FNC1(filepath.Join(data, "fnc1"))
			if err != nil {
				return err
			}
			fmt.Fprintf(stdio.Err, "training on %d pairs (%d dev pairs held out)\n", len(train), len(dev))
			m, err := headline.Train(c.Context(), train, opts, stdio.Err)
			if err != nil {
				return err
			}
			n, err := writeModel(out, m)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdio.Out, "wrote %s (%s)\n", out, humanBytes(n))
			return nil
		},
	}
	c.Flags().StringVar(&data, "data", defaultDataDir(), "directory of the data sets (env DOSSIER_DATA)")
	c.Flags().StringVar(&out, "out", "internal/headline/model/headline.bin.gz", "model file to write")
	c.Flags().IntVar(&opts.Epochs, "epochs", 0, "passes over the training pairs (default 10)")
	c.Flags().Uint64Var(&opts.Seed, "seed", 0, "seed of the pair order (default 1)")
	return c
}

// writeModel writes m to path through a temporary file.
func writeModel(path string, m io.WriterTo) (int64, error) {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return 0, err
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	return n, os.Rename(tmp, path)
}
