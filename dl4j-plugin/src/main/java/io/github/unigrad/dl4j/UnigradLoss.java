package io.github.unigrad.dl4j;

import io.github.unigrad.host.BlockEvaluator;
import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.Losses;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.io.ObjectStreamException;
import java.util.Arrays;

/**
 * Any loss of the Unigrad catalogue as a DL4J {@link ILossFunction}, configured by its spec:
 * {@code new OutputLayer.Builder().lossFunction(new UnigradLoss("huber(delta=0.5)"))} or
 * {@code UnigradLoss.of(Losses.huber(0.5))}. It works wherever DL4J takes a loss function
 * ({@code OutputLayer}, {@code LossLayer}, {@code RnnOutputLayer}, {@code RnnLossLayer},
 * {@code CnnLossLayer}, ComputationGraph outputs) in float and double networks.
 *
 * <p><b>Conventions translated here</b> (and nowhere else):
 * <ul>
 *   <li>DL4J hands over {@code preOutput} z and the layer's activation f. When the loss takes
 *       softmax logits and f is softmax (or sigmoid logits and sigmoid), z goes to the loss as it is:
 *       the fused form is exact and stable. Otherwise the loss sees {@code a = f(z)} and its gradient
 *       dL/da is pushed back through {@code f.backprop(z, dL/da)} (identity skips both).</li>
 *   <li>A mask shaped {@code [N,1]} (whole examples, e.g. RNN time steps after DL4J's 3-D → 2-D
 *       reshape) becomes example weights; a mask shaped like the predictions masks single outputs,
 *       and dL/dz of a masked output is also set to zero after the activation's backprop, as DL4J's
 *       own losses do (this differs from the exact gradient only for activations coupling outputs,
 *       such as softmax). Any other shape is an error.</li>
 *   <li>The gradient is of the <em>sum</em> over the minibatch (DL4J divides by the minibatch size
 *       later); {@code computeScore(average=true)} divides the sum by the number of examples.</li>
 * </ul>
 * A loss that cannot be differentiated (zero-one) scores, but refuses {@code computeGradient}.
 *
 * <p>JSON: the one property {@code spec}, the loss's canonical spec; a bad spec fails when the
 * configuration is loaded, with the catalogue's message.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class UnigradLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;
    private static final BlockEvaluator EVALUATOR = new BlockEvaluator();

    @JsonProperty("spec")
    private final String spec;
    /** Rebuilt from {@link #spec} when a serializer skipped this transient field (Kryo, in DL4J's Spark set-up). */
    private transient Loss loss;

    /** The loss a spec names, e.g. {@code softmax_cross_entropy(labelSmoothing=0.1)}. */
    @JsonCreator
    public UnigradLoss(@JsonProperty("spec") String spec) {
        this(Losses.parse(requireSpec(spec)));
    }

    private UnigradLoss(Loss loss) {
        this.loss = loss;
        this.spec = loss.spec().toString();
    }

    /** The DL4J loss function for a catalogue loss, e.g. {@code UnigradLoss.of(Losses.mse())}. */
    public static UnigradLoss of(Loss loss) {
        if (loss == null) {
            throw new IllegalArgumentException("loss is null");
        }
        return new UnigradLoss(loss);
    }

    private static String requireSpec(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("UnigradLoss needs a loss spec such as \"mse\"; got " + spec
                    + "; valid names: " + String.join(", ", Losses.names()));
        }
        return spec;
    }

    /** The canonical spec. */
    public String getSpec() {
        return spec;
    }

    /** The catalogue loss. */
    public Loss loss() {
        if (loss == null) {
            loss = Losses.parse(spec);
        }
        return loss;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        double[] values = evaluate(labels, preOutput, activationFn, mask, null);
        return total(values, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] values = evaluate(labels, preOutput, activationFn, mask, null);
        return NdArrays.fromDoubles(values, preOutput.dataType(), values.length, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return computeGradientAndScore(labels, preOutput, activationFn, mask, false).getSecond();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        int rows = (int) preOutput.size(0);
        INDArray g = Nd4j.createUninitialized(preOutput.dataType(), preOutput.shape(), 'c');
        double[] values = evaluate(labels, preOutput, activationFn, mask, g);
        if (!passesThrough(activationFn)) {
            g = activationFn.backprop(preOutput.dup(), g).getFirst();
            if (mask != null && !isExampleMask(mask, rows)) {
                g.muli(mask.neq(0).castTo(g.dataType()));
            }
        }
        return new Pair<>(total(values, average), g);
    }

    private static double total(double[] values, boolean average) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return average && values.length > 0 ? s / values.length : s;
    }

    /** True when the loss takes z itself: the activation is fused into the loss, or is the identity. */
    private boolean passesThrough(IActivation f) {
        InputForm form = loss().inputForm();
        return f instanceof ActivationIdentity
                || form == InputForm.SOFTMAX_LOGITS && f instanceof ActivationSoftmax
                || form == InputForm.SIGMOID_LOGITS && f instanceof ActivationSigmoid;
    }

    /**
     * Evaluates the loss on one minibatch: the per-example values, and dL/d(loss input) into
     * {@code gradient} (a new row-major array shaped like {@code preOutput}) if not null. The arrays
     * are streamed through the shared {@link BlockEvaluator} straight from ND4J's memory.
     */
    private double[] evaluate(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, INDArray gradient) {
        if (preOutput.rank() != 2 || labels.rank() != 2) {
            throw new IllegalArgumentException(this + " takes 2-D labels and predictions [examples, outputs]; got labels "
                    + Arrays.toString(labels.shape()) + " and preOutput " + Arrays.toString(preOutput.shape()));
        }
        int rows = (int) preOutput.size(0);
        int cols = (int) preOutput.size(1);
        if (labels.size(0) != rows) {
            throw new IllegalArgumentException(this + ": labels " + Arrays.toString(labels.shape()) + " and preOutput "
                    + Arrays.toString(preOutput.shape()) + " have different numbers of examples");
        }
        INDArray input = passesThrough(activationFn) ? preOutput : activationFn.getActivation(preOutput.dup(), true);
        BlockEvaluator.Batch batch = BlockEvaluator.Batch.of(rows, cols, NdArrays.region(input), NdArrays.region(labels),
                (int) labels.size(1));
        if (mask != null) {
            if (isExampleMask(mask, rows)) {
                batch = batch.withExampleWeights(NdArrays.region(mask));
            } else if (isOutputMask(mask, rows, cols)) {
                batch = batch.withOutputMask(NdArrays.region(mask));
            } else {
                throw new IllegalArgumentException(this + ": mask " + Arrays.toString(mask.shape())
                        + " fits neither whole examples [" + rows + ", 1] nor single outputs [" + rows + ", " + cols + "]");
            }
        }
        double[] values = new double[rows];
        try {
            EVALUATOR.evaluate(loss(), batch, values, gradient == null ? null : NdArrays.region(gradient));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (labels " + Arrays.toString(labels.shape())
                    + ", preOutput " + Arrays.toString(preOutput.shape()) + ", activation " + activationFn + ")", e);
        }
        return values;
    }

    private static boolean isExampleMask(INDArray mask, int rows) {
        return mask.length() == rows && (mask.rank() == 1 || mask.rank() == 2 && mask.size(0) == rows);
    }

    private static boolean isOutputMask(INDArray mask, int rows, int cols) {
        return mask.rank() == 2 && mask.size(0) == rows && mask.size(1) == cols;
    }

    @Override
    public String name() {
        return toString();
    }

    /** Java serialisation (Spark) writes the spec only; reading it back parses the spec again. */
    private Object readResolve() throws ObjectStreamException {
        return new UnigradLoss(spec);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnigradLoss l && l.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return "UnigradLoss(" + spec + ")";
    }
}
