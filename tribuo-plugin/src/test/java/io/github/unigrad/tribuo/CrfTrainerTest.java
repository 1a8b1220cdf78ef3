package io.github.unigrad.tribuo;

import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.crf.CRFModel;
import org.tribuo.classification.sgd.crf.CRFTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.sequence.MutableSequenceDataset;
import org.tribuo.sequence.SequenceDataset;
import org.tribuo.sequence.SequenceExample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tribuo's linear-chain CRF ({@code CRFTrainer}, tribuo-classification-sgd's crf package) with Unigrad optimisers: its
 * three parameter tensors (feature-label and label-label matrices, biases) and sparse feature gradients go through
 * {@link UnigradOptimiser}; the model trained with {@code adagrad(...)} equals the one trained with Tribuo's AdaGrad,
 * and Adam, coupled weight decay and averaging, in minibatches, tag held-out sequences (whose tags partly depend on the
 * previous tag) at least as well as Tribuo's AdaGrad, to within 2 points. (Tribuo's {@code AdaGrad(lr, eps, v0)} cannot be
 * the reference with {@code v0 ≠ 0}: {@code CRFTrainer} trains a {@code copy()} of its optimiser, and 4.3.2's
 * {@code AdaGrad.copy()} drops {@code v0}, see {@code OptimiserParityTest}.)
 */
class CrfTrainerTest {
    private static final String[] WORDS = {"the", "cat", "sat", "on", "mat", "and", "then"};

    /**
     * Synthetic tagging: "the" → D, "cat"/"mat" → N, "sat" → V, "on" → P, "and"/"then" repeat the previous tag (so
     * only the transition weights can tag them).
     */
    static SequenceDataset<Label> tagging(int sequences, long seed) {
        LabelFactory factory = new LabelFactory();
        MutableSequenceDataset<Label> data = new MutableSequenceDataset<>(new SimpleDataSourceProvenance("crf tagging", factory), factory);
        Random rnd = new Random(seed);
        for (int s = 0; s < sequences; s++) {
            List<Example<Label>> tokens = new ArrayList<>();
            String previous = "D";
            int length = 4 + rnd.nextInt(5);
            for (int i = 0; i < length; i++) {
                String word = i == 0 ? WORDS[rnd.nextInt(5)] : WORDS[rnd.nextInt(WORDS.length)];
                String tag = switch (word) {
                    case "the" -> "D";
                    case "cat", "mat" -> "N";
                    case "sat" -> "V";
                    case "on" -> "P";
                    default -> previous;
                };
                tokens.add(new ArrayExample<>(new Label(tag), new String[] {"w=" + word, "bias"}, new double[] {1, 1}));
                previous = tag;
            }
            data.add(new SequenceExample<>(tokens));
        }
        return data;
    }

    private static double accuracy(CRFModel model, SequenceDataset<Label> data) {
        int right = 0;
        int total = 0;
        for (SequenceExample<Label> sequence : data) {
            List<Prediction<Label>> predictions = model.predict(sequence);
            for (int i = 0; i < sequence.size(); i++) {
                right += predictions.get(i).getOutput().getLabel().equals(sequence.get(i).getOutput().getLabel()) ? 1 : 0;
                total++;
            }
        }
        return (double) right / total;
    }

    @Test
    void adagradThroughTheAdapterEqualsTribuosAdaGrad() {
        SequenceDataset<Label> data = tagging(150, 3L);
        CRFModel builtin = new CRFTrainer(new AdaGrad(0.1, 1e-6), 3, -1, 1, 7L).train(data, java.util.Map.of());
        CRFModel ours = new CRFTrainer(new UnigradOptimiser("adagrad(lr=0.1, eps=1e-6)"), 3, -1, 1, 7L)
                .train(data, java.util.Map.of());
        double largest = 0;
        for (String word : WORDS) {
            double[] expected = builtin.getFeatureWeights("w=" + word).toArray();
            double[] actual = ours.getFeatureWeights("w=" + word).toArray();
            assertThat(actual).hasSameSizeAs(expected);
            for (int k = 0; k < expected.length; k++) {
                assertThat(actual[k]).as("w=%s, label %d", word, k).isCloseTo(expected[k], within(1e-12 * (1 + Math.abs(expected[k]))));
                largest = Math.max(largest, Math.abs(expected[k]));
            }
        }
        assertThat(largest).as("the weights moved").isGreaterThan(0.1);
        for (SequenceExample<Label> sequence : data) {
            List<Prediction<Label>> a = builtin.predict(sequence);
            List<Prediction<Label>> b = ours.predict(sequence);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).getOutput().getLabel()).isEqualTo(a.get(i).getOutput().getLabel());
            }
        }
    }

    @Test
    void adamWeightDecayAndAveragingTagAtLeastAsWellAsTribuosAdaGrad() {
        SequenceDataset<Label> train = tagging(200, 5L);
        SequenceDataset<Label> test = tagging(100, 6L);
        double builtin = accuracy(new CRFTrainer(new AdaGrad(0.1, 1e-6), 10, -1, 4, 11L).train(train, java.util.Map.of()), test);
        System.out.println("CRF Tribuo AdaGrad accuracy " + builtin);
        for (String spec : List.of("adam(lr=0.1)", "adam(lr=0.1, weightDecay=1e-4)", "averaging(inner=sgd(lr=0.1, momentum=0.9))")) {
            CRFModel model = new CRFTrainer(new UnigradOptimiser(spec), 10, -1, 4, 11L).train(train, java.util.Map.of());
            System.out.println("CRF " + spec + " accuracy " + accuracy(model, test));
            assertThat(accuracy(model, test)).as(spec).isGreaterThan(0.9).isGreaterThanOrEqualTo(builtin - 0.02);
            assertThat(model.getProvenance().getTrainerProvenance().toString()).contains(spec.substring(0, spec.indexOf('(')));
        }
    }
}
