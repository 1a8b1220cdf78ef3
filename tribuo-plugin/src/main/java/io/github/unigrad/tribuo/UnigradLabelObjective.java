package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.util.ExpNormalizer;
import org.tribuo.math.util.NoopNormalizer;
import org.tribuo.math.util.SigmoidNormalizer;
import org.tribuo.math.util.VectorNormalizer;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;

/**
 * A Unigrad loss as Tribuo's {@link LabelObjective}, for {@code LinearSGDTrainer} and
 * {@code FMClassificationTrainer}:
 * <pre>{@code
 * new LinearSGDTrainer(new UnigradLabelObjective("softmax_focal(gamma=2)"), new UnigradOptimiser("adam(lr=0.01)"), 5, 42)
 * }</pre>
 * or in OLCUT XML, {@code <property name="loss" value="softmax_cross_entropy(labelSmoothing=0.1)"/>}.
 *
 * <p>The truth is a class index: a loss that takes class indices gets it as is, any other gets a
 * one-hot row. Losses on softmax logits (and on probabilities, which get a softmax here) make a
 * probabilistic model whose scores Tribuo normalises with {@link ExpNormalizer}; losses on sigmoid
 * logits (one-vs-rest) use {@link SigmoidNormalizer}; margin losses on values (multiclass hinge)
 * predict the arg-max of the raw scores. A loss that cannot train labels (a regression loss, a
 * scoring-only loss) is refused when configured.
 *
 * <p>Tribuo's built-ins in these terms: {@code LogMulticlass} is {@code softmax_cross_entropy},
 * {@code Hinge(1)} is {@code multiclass_hinge(margin=1)} (Tribuo's hinge scales its gradient by
 * its margin, so other margins differ by that factor).
 */
public final class UnigradLabelObjective extends SpecObjective implements LabelObjective {

    private UnigradLabelObjective() {
    }

    /**
     * @param loss a catalogue loss spec
     * @throws com.oracle.labs.mlrg.olcut.config.PropertyException if the spec is bad or the loss cannot train labels
     */
    public UnigradLabelObjective(String loss) {
        super(loss);
    }

    /** The objective of a loss built in Java, e.g. {@code Losses.huber(0.5)}. */
    public UnigradLabelObjective(Loss loss) {
        super(loss);
    }

    @Override
    OutputType outputType() {
        return OutputType.LABEL;
    }

    @Override
    public Pair<Double, SGDVector> lossAndGradient(Integer truth, SGDVector prediction) {
        int k = prediction.size();
        double[] targets;
        if (loss().acceptsClassIndices()) {
            targets = new double[]{truth};
        } else {
            targets = new double[k];
            targets[truth] = 1;
        }
        return evaluate(prediction, targets, targets.length);
    }

    /** Tribuo 4.3's deprecated entry point; the same as {@link #lossAndGradient}. */
    @Deprecated
    @Override
    public Pair<Double, SGDVector> valueAndGradient(int truth, SGDVector prediction) {
        return lossAndGradient(truth, prediction);
    }

    @Override
    public VectorNormalizer getNormalizer() {
        return switch (loss().inputForm()) {
            case SOFTMAX_LOGITS, PROBABILITIES -> new ExpNormalizer();
            case SIGMOID_LOGITS -> new SigmoidNormalizer();
            case VALUES -> new NoopNormalizer();
        };
    }

    /** True when the normalised scores form a distribution over the labels (softmax). */
    @Override
    public boolean isProbabilistic() {
        InputForm form = loss().inputForm();
        return form == InputForm.SOFTMAX_LOGITS || form == InputForm.PROBABILITIES;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "LabelObjective");
    }
}
