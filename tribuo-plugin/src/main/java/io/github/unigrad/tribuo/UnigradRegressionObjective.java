package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import io.github.unigrad.loss.Loss;
import org.tribuo.regression.sgd.RegressionObjective;

/**
 * A Unigrad loss as Tribuo's {@link RegressionObjective}, for {@code LinearSGDTrainer} and
 * {@code FMRegressionTrainer}: {@code new UnigradRegressionObjective("huber(delta=1.5)")}, or
 * {@code <property name="loss" value="log_cosh"/>} in OLCUT XML.
 *
 * <p>The truth is the example's vector of regression targets, one per output dimension. Any
 * catalogue loss on plain values that takes real targets of the predictions' width fits; a
 * classification or probability loss is refused when configured.
 *
 * <p>Tribuo's built-ins in these terms, for d outputs: {@code SquaredLoss} (Σ ½(y-ŷ)²) is
 * {@code l2(weights=[0.5, ...])}, {@code AbsoluteLoss} is {@code l1} (its value is shifted by
 * -d/2, which changes only what is logged), {@code Huber(cost)} is {@code huber(delta=cost)}.
 */
public final class UnigradRegressionObjective extends SpecObjective implements RegressionObjective {

    private UnigradRegressionObjective() {
    }

    /**
     * @param loss a catalogue loss spec
     * @throws com.oracle.labs.mlrg.olcut.config.PropertyException if the spec is bad or the loss cannot train regression
     */
    public UnigradRegressionObjective(String loss) {
        super(loss);
    }

    /** The objective of a loss built in Java, e.g. {@code Losses.huber(0.5)}. */
    public UnigradRegressionObjective(Loss loss) {
        super(loss);
    }

    @Override
    OutputType outputType() {
        return OutputType.REGRESSION;
    }

    @Override
    public Pair<Double, SGDVector> lossAndGradient(DenseVector truth, SGDVector prediction) {
        return evaluate(prediction, truth.toArray(), truth.size());
    }

    /** Tribuo 4.3's deprecated entry point; the same as {@link #lossAndGradient}. */
    @Deprecated
    @Override
    public Pair<Double, SGDVector> loss(DenseVector truth, SGDVector prediction) {
        return lossAndGradient(truth, prediction);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "RegressionObjective");
    }
}
