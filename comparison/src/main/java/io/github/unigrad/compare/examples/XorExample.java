package io.github.unigrad.compare.examples;

import io.github.unigrad.compare.Meter;
import io.github.unigrad.compare.RunResult;
import io.github.unigrad.compare.RunSettings;
import io.github.unigrad.compare.data.Datasets;
import io.github.unigrad.compare.data.Split;
import io.github.unigrad.compare.data.Table;
import io.github.unigrad.compare.dl4j.Dl4jOptimiser;
import io.github.unigrad.compare.dl4j.Dl4jSetup;
import io.github.unigrad.compare.dl4j.Dl4jTrainer;
import io.github.unigrad.compare.dl4j.Targets;
import io.github.unigrad.compare.tribuo.ModelKind;
import io.github.unigrad.compare.tribuo.TribuoSetup;
import io.github.unigrad.compare.tribuo.TribuoTrainer;
import io.github.unigrad.dl4j.UnigradLoss;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.tribuo.UnigradLabelObjective;
import io.github.unigrad.tribuo.UnigradOptimiser;
import org.nd4j.linalg.activations.Activation;

import java.util.List;
import java.util.Locale;

/**
 * The classic tutorial, done right: logistic regression with sigmoid cross-entropy
 * ({@code binary_cross_entropy}) and plain gradient descent (learning rate 0.01, 1000 epochs, the
 * four points in one batch) on XOR, in DL4J and in Tribuo, with Unigrad's loss and optimiser.
 *
 * <p>It cannot work, whatever the optimiser: XOR is not linearly separable. No line puts (0,1) and
 * (1,0) on one side and (0,0), (1,1) on the other, so the best a linear model σ(w·x + b) can do is
 * w = 0, b = 0: probability ½ for every point and cross-entropy ln 2 ≈ 0.693 per point. The loss
 * flattens at ln 2 and the accuracy stays at or below 75% (three points at most on the right side of
 * any line; at w = 0 every point ties). Tribuo starts its weights at 0, exactly where the gradient of
 * XOR's loss vanishes (Σ (½ − y) x = 0 for these four points), so it sits at ln 2 from the first epoch.
 *
 * <p>One hidden layer fixes it: a tanh layer of 8 units bends the decision boundary, and with
 * Unigrad's cross-entropy and Adam (learning rate 0.05) the loss goes to nearly 0 and all four points
 * are classified right. In Tribuo, a factorization machine has the pairwise term x₁x₂ that XOR needs,
 * and solves it too.
 */
public final class XorExample {
    /** The tutorial's numbers. */
    public static final int EPOCHS = 1000;
    public static final String LOSS = "binary_cross_entropy";
    public static final String SGD = "gradient_descent(lr=0.01)";
    public static final String ADAM = "adam(lr=0.05)";
    /** ln 2, the loss of a model that says ½ for every point. */
    public static final double LN2 = Math.log(2);
    /** Tribuo's two outputs (one per class), measured as the mean over outputs. */
    private static final Meter PER_OUTPUT = new Meter(Losses.parse(LOSS), 0.5);

    /** One XOR run: what was trained, its loss per epoch, its accuracy on the four points. */
    public record Outcome(String title, RunResult run) {
        public double finalLoss() {
            return run.finalLoss();
        }

        public double accuracy() {
            return run.metrics().accuracy();
        }

        public String describe() {
            return String.format(Locale.ROOT, "%-62s loss %.4f  accuracy %.0f%%", title, finalLoss(), 100 * accuracy());
        }
    }

    private XorExample() {
    }

    private static Split data() {
        Table xor = Datasets.xor();
        return new Split("xor", xor, xor);
    }

    private static RunSettings settings(int epochs, long seed) {
        return new RunSettings(epochs, seed, 4, 4);
    }

    /** Logistic regression in DL4J: no hidden layer, sigmoid output, our loss and gradient descent. */
    public static Outcome dl4jLogistic(int epochs, long seed) {
        Dl4jSetup setup = new Dl4jSetup(List.of(), new UnigradLoss(LOSS), Activation.SIGMOID, Targets.ZERO_ONE,
                new Dl4jOptimiser.Ours(SGD));
        return new Outcome("DL4J logistic regression, " + LOSS + ", " + SGD,
                Dl4jTrainer.run(data(), setup, settings(epochs, seed), null));
    }

    /**
     * Logistic regression in Tribuo: LinearSGDTrainer with our loss and gradient descent. A Tribuo
     * label model has one output per class, so {@code binary_cross_entropy} trains one sigmoid per class
     * (two logistic regressions); the loss shown is per output, comparable with DL4J's single output.
     */
    public static Outcome tribuoLogistic(int epochs, long seed) {
        TribuoSetup setup = new TribuoSetup(ModelKind.LINEAR, new UnigradLabelObjective(LOSS), new UnigradOptimiser(SGD),
                PER_OUTPUT);
        return new Outcome("Tribuo linear SGD (logistic, loss per output), " + LOSS + ", " + SGD,
                TribuoTrainer.run(data(), setup, settings(epochs, seed), null));
    }

    /** One hidden layer of 8 tanh units in DL4J, our loss and Adam. */
    public static Outcome dl4jHiddenLayer(int epochs, long seed) {
        Dl4jSetup setup = new Dl4jSetup(List.of(8), new UnigradLoss(LOSS), Activation.SIGMOID, Targets.ZERO_ONE,
                new Dl4jOptimiser.Ours(ADAM));
        return new Outcome("DL4J MLP [8] tanh, " + LOSS + ", " + ADAM,
                Dl4jTrainer.run(data(), setup, settings(epochs, seed), null));
    }

    /** A factorization machine in Tribuo (pairwise term x₁x₂), our loss and Adam. */
    public static Outcome tribuoFactorizationMachine(int epochs, long seed) {
        TribuoSetup setup = new TribuoSetup(ModelKind.FM, new UnigradLabelObjective(LOSS), new UnigradOptimiser(ADAM),
                PER_OUTPUT);
        return new Outcome("Tribuo factorization machine (loss per output), " + LOSS + ", " + ADAM,
                TribuoTrainer.run(data(), setup, settings(epochs, seed), null));
    }

    /** All four runs: the two linear models that cannot learn XOR, then the two models that can. */
    public static List<Outcome> all(int epochs, long seed) {
        return List.of(dl4jLogistic(epochs, seed), tribuoLogistic(epochs, seed), dl4jHiddenLayer(epochs, seed),
                tribuoFactorizationMachine(epochs, seed));
    }

    public static void main(String[] args) {
        for (Outcome o : all(EPOCHS, 42)) {
            System.out.println(o.describe());
        }
        System.out.printf(Locale.ROOT, "ln 2 = %.4f: the best a linear model can do on XOR%n", LN2);
    }
}
