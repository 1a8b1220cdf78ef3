package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.unigrad.loss.InputForm;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.util.NoopNormalizer;
import org.tribuo.math.util.SigmoidNormalizer;
import org.tribuo.math.util.VectorNormalizer;
import org.tribuo.multilabel.sgd.MultiLabelObjective;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;

/**
 * A Unigrad loss as Tribuo's {@link MultiLabelObjective}, for {@code LinearSGDTrainer} and
 * {@code FMMultiLabelTrainer}: {@code new UnigradMultiLabelObjective("focal(gamma=2, alpha=0.25)")},
 * or {@code <property name="loss" value="binary_cross_entropy"/>} in OLCUT XML.
 *
 * <p>The truth is a 0/1 vector, one entry per label. Losses on sigmoid logits (and on
 * probabilities, which get a sigmoid here) make a probabilistic model normalised with
 * {@link SigmoidNormalizer}, a label being predicted above 0.5; margin losses on values
 * ({@code multilabel_hinge}) predict a label where its raw score is above 0. Softmax losses and
 * regression losses are refused when configured.
 *
 * <p>Tribuo's built-ins in these terms: {@code BinaryCrossEntropy} is
 * {@code binary_cross_entropy(fromLogits=true)} summed over labels, {@code Hinge(1)} is
 * {@code multilabel_hinge(margin=1)}.
 */
public final class UnigradMultiLabelObjective extends SpecObjective implements MultiLabelObjective {

    private UnigradMultiLabelObjective() {
    }

    /**
     * @param loss a catalogue loss spec
     * @throws com.oracle.labs.mlrg.olcut.config.PropertyException if the spec is bad or the loss cannot train multi-label outputs
     */
    public UnigradMultiLabelObjective(String loss) {
        super(loss);
    }

    @Override
    OutputType outputType() {
        return OutputType.MULTI_LABEL;
    }

    @Override
    public Pair<Double, SGDVector> lossAndGradient(SGDVector truth, SGDVector prediction) {
        return evaluate(prediction, truth.toArray(), truth.size());
    }

    @Override
    public VectorNormalizer getNormalizer() {
        return isProbabilistic() ? new SigmoidNormalizer() : new NoopNormalizer();
    }

    /** True for losses on sigmoid logits or probabilities. */
    @Override
    public boolean isProbabilistic() {
        return loss().inputForm() != InputForm.VALUES;
    }

    /** 0.5 on sigmoid probabilities, 0 on the raw scores of a margin loss. */
    @Override
    public double threshold() {
        return isProbabilistic() ? 0.5 : 0.0;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "MultiLabelObjective");
    }
}
