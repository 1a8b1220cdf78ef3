package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.unigrad.spec.Excerpt;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.Losses;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;

/**
 * What the three objectives share: the loss spec as an OLCUT property, its validation at
 * configuration time, and the one-example evaluation in Tribuo's conventions.
 *
 * <p>After {@link #postConfig()} the property holds the loss's canonical spec (every
 * hyperparameter, e.g. {@code huber(delta=1)} for {@code huber}), so the provenance records the
 * whole configuration and rebuilds an equal loss.
 *
 * <p>Stateless after configuration: Tribuo shares one objective across concurrent {@code train} calls.
 */
abstract class SpecObjective implements Configurable {

    @Config(mandatory = true, description = "The loss, as a Unigrad catalogue spec, e.g. softmax_cross_entropy or huber(delta=0.5).")
    private String loss;

    private ExampleLoss example;

    /** For OLCUT, which sets {@code loss} and then calls {@link #postConfig()}. */
    SpecObjective() {
    }

    SpecObjective(String loss) {
        this.loss = loss;
        postConfig();
    }

    /** A loss built in Java rather than parsed; checked as a parsed one is, its spec kept for the provenance. */
    SpecObjective(Loss loss) {
        this.loss = java.util.Objects.requireNonNull(loss, "loss").spec().toString();
        try {
            example = outputType().fit(loss);
        } catch (IllegalArgumentException e) {
            throw new PropertyException(e, "", "loss", "invalid loss '" + this.loss + "' for " + getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    /** The output type this objective trains. */
    abstract OutputType outputType();

    /**
     * Parses and checks the loss spec.
     *
     * @throws PropertyException naming the property, the spec and the reason (an unknown loss, a bad
     *                           hyperparameter, or a loss that cannot train this output type)
     */
    @Override
    public void postConfig() {
        if (loss == null) {
            throw new PropertyException("", "loss", "no loss spec given; valid losses: " + Losses.names());
        }
        try {
            Loss parsed = Losses.parse(loss);
            example = outputType().fit(parsed);
            loss = parsed.spec().toString();
        } catch (IllegalArgumentException e) {
            throw new PropertyException(e, "", "loss", "invalid loss '" + Excerpt.of(loss) + "' for " + getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    /** The configured loss. */
    public Loss loss() {
        return example.loss();
    }

    /** The loss's canonical spec. */
    public String lossSpec() {
        return loss;
    }

    /**
     * One example: the scores are copied out of {@code prediction} once, and the negative gradient is
     * written back into it (Tribuo hands every call a fresh vector), which is returned.
     */
    final Pair<Double, SGDVector> evaluate(SGDVector prediction, double[] targets, int targetCols) {
        double[] scores = prediction.toArray();
        if (prediction instanceof DenseVector dense) {
            double value = example.negativeGradient(scores, targets, targetCols, TribuoArrays.elements(dense));
            return new Pair<>(value, dense);
        }
        double[] out = new double[scores.length];
        double value = example.negativeGradient(scores, targets, targetCols, out);
        return new Pair<>(value, DenseVector.createDenseVector(out));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(loss=" + loss + ")";
    }
}
