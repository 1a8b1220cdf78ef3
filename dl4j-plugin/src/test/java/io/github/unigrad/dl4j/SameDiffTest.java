package io.github.unigrad.dl4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.regularization.L2Regularization;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SameDiff: {@code TrainingConfig.builder().updater(new UnigradUpdater(spec))} trains a SameDiff graph. A two-layer
 * network trained with DL4J's built-in Adam, Nesterovs and AdaGrad and with their catalogue twins ends at the same
 * parameters (double: 1e-10 relative, measured ≤ 4.4e-16; float: 1e-5, measured ≤ 2.3e-7); {@code sd.save(file, true)}
 * keeps the updater state (our state lives in SameDiff's updater-state arrays, the step in its iteration count), and a
 * run saved, loaded and resumed ends exactly where an uninterrupted run does (saved without the state it does not).
 */
class SameDiffTest {
    private static final int FITS = 15;

    @TempDir
    Path dir;

    @BeforeAll
    static void doubles() {
        Arrays2.useDoubles();
    }

    record Twin(IUpdater builtin, String spec, double tolerance) {
        @Override
        public String toString() {
            return builtin.getClass().getSimpleName() + " ~ " + spec + " (" + tolerance + ")";
        }
    }

    static List<Twin> twins() {
        return List.of(new Twin(new Adam(0.01), "adam(lr=0.01, epsilonHat=true)", 1e-10),
                new Twin(new Nesterovs(0.05, 0.9), "nesterov(lr=0.05, momentum=0.9, lrInVelocity=true)", 1e-10),
                new Twin(new AdaGrad(0.05, 1e-6), "adagrad(lr=0.05, eps=1e-06, initialAccumulator=1e-06)", 1e-10));
    }

    static SameDiff network(DataType type, IUpdater updater) {
        return network(type, b -> b.updater(updater));
    }

    /** A 4-6-3 tanh network with a softmax cross-entropy loss, fixed initial weights, in {@code type}. */
    static SameDiff network(DataType type, UnaryOperator<TrainingConfig.Builder> training) {
        Random r = new Random(1);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("input", type, -1, 4);
        SDVariable label = sd.placeHolder("label", type, -1, 3);
        SDVariable w0 = sd.var("w0", Arrays2.gaussian(r, 4, 6, type).muli(0.5));
        SDVariable b0 = sd.var("b0", Arrays2.gaussian(r, 1, 6, type).muli(0.1));
        SDVariable w1 = sd.var("w1", Arrays2.gaussian(r, 6, 3, type).muli(0.5));
        SDVariable b1 = sd.var("b1", Arrays2.gaussian(r, 1, 3, type).muli(0.1));
        SDVariable hidden = sd.nn.tanh(in.mmul(w0).add(b0));
        SDVariable logits = hidden.mmul(w1).add(b1);
        sd.loss.softmaxCrossEntropy("loss", label, logits, null);
        sd.setTrainingConfig(training.apply(TrainingConfig.builder()).dataSetFeatureMapping("input")
                .dataSetLabelMapping("label").build());
        return sd;
    }

    /** Batch {@code i}: 16 Gaussian examples with one-hot labels, the same for every run. */
    static DataSet batch(int i, DataType type) {
        Random r = new Random(100 + i);
        return new DataSet(Arrays2.gaussian(r, 16, 4, type), Arrays2.Labels.ONE_HOT.make(r, 16, 3).castTo(type));
    }

    static void fit(SameDiff sd, int from, int to, DataType type) {
        for (int i = from; i < to; i++) {
            sd.fit(batch(i, type));
        }
    }

    static double parameterError(SameDiff expected, SameDiff actual) {
        double worst = 0;
        for (String name : List.of("w0", "b0", "w1", "b1")) {
            worst = Math.max(worst, Arrays2.relativeError(expected.getArrForVarName(name), actual.getArrForVarName(name)));
        }
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void sameParametersAsDl4jsBuiltInUpdaterInDouble(Twin twin) {
        SameDiff builtin = network(DataType.DOUBLE, twin.builtin());
        SameDiff ours = network(DataType.DOUBLE, new UnigradUpdater(twin.spec()));
        INDArray start = ours.getArrForVarName("w0").dup();
        fit(builtin, 0, FITS, DataType.DOUBLE);
        fit(ours, 0, FITS, DataType.DOUBLE);
        assertThat(Arrays2.relativeError(start, ours.getArrForVarName("w0"))).as("the parameters moved").isGreaterThan(1e-3);
        System.out.printf("SameDiff double %s: %.2e%n", twin, parameterError(builtin, ours));
        assertThat(parameterError(builtin, ours)).isLessThanOrEqualTo(twin.tolerance());
    }

    /** In a float graph (variables and updater state float) the twins agree to float precision. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void sameParametersToFloatPrecisionInAFloatGraph(Twin twin) {
        SameDiff builtin = network(DataType.FLOAT, twin.builtin());
        SameDiff ours = network(DataType.FLOAT, new UnigradUpdater(twin.spec()));
        INDArray start = ours.getArrForVarName("w0").dup();
        fit(builtin, 0, FITS, DataType.FLOAT);
        fit(ours, 0, FITS, DataType.FLOAT);
        assertThat(ours.getArrForVarName("w0").dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Arrays2.relativeError(start, ours.getArrForVarName("w0"))).as("the parameters moved").isGreaterThan(1e-3);
        System.out.printf("SameDiff float %s: %.2e%n", twin, parameterError(builtin, ours));
        assertThat(parameterError(builtin, ours)).isLessThanOrEqualTo(1e-5);
    }

    /** The comparison can fail: Adam with ε inside the bias correction (PyTorch's form) is not DL4J's Adam. */
    @Test
    void theOtherAdamFormIsNotDl4jsAdam() {
        SameDiff builtin = network(DataType.DOUBLE, new Adam(0.01));
        SameDiff pytorch = network(DataType.DOUBLE, new UnigradUpdater("adam(lr=0.01, eps=1e-4)"));
        SameDiff dl4j = network(DataType.DOUBLE, new UnigradUpdater("adam(lr=0.01, eps=1e-4, epsilonHat=true)"));
        SameDiff reference = network(DataType.DOUBLE, new Adam(0.01, 0.9, 0.999, 1e-4));
        fit(builtin, 0, FITS, DataType.DOUBLE);
        fit(pytorch, 0, FITS, DataType.DOUBLE);
        fit(dl4j, 0, FITS, DataType.DOUBLE);
        fit(reference, 0, FITS, DataType.DOUBLE);
        assertThat(parameterError(reference, dl4j)).isLessThanOrEqualTo(1e-10);
        assertThat(parameterError(reference, pytorch)).isGreaterThan(1e-6);
    }

    /**
     * {@code UnigradUpdaters.configure(TrainingConfig.Builder, spec)} hands the weight decay to SameDiff's
     * regularisation: coupled decay as {@code l2}, decoupled as {@code weightDecay(λ, true)}, each once.
     */
    @Test
    void weightDecayGoesToSameDiffsRegularisation() {
        SameDiff coupled = network(DataType.DOUBLE, b -> UnigradUpdaters.configure(b, "adam(lr=0.01, weightDecay=0.05, epsilonHat=true)"));
        SameDiff l2 = network(DataType.DOUBLE, b -> b.updater(new Adam(0.01)).l2(0.05));
        SameDiff decoupled = network(DataType.DOUBLE, b -> UnigradUpdaters.configure(b, "adamw(lr=0.01, weightDecay=0.1, epsilonHat=true)"));
        SameDiff decay = network(DataType.DOUBLE, b -> b.updater(new Adam(0.01)).weightDecay(0.1, true));
        SameDiff plain = network(DataType.DOUBLE, new Adam(0.01));
        for (SameDiff sd : List.of(coupled, l2, decoupled, decay, plain)) {
            fit(sd, 0, FITS, DataType.DOUBLE);
        }
        assertThat(coupled.getTrainingConfig().getRegularization()).containsExactly(new L2Regularization(0.05));
        assertThat(parameterError(l2, coupled)).isLessThanOrEqualTo(1e-10);
        assertThat(parameterError(decay, decoupled)).isLessThanOrEqualTo(1e-10);
        assertThat(parameterError(plain, coupled)).isGreaterThan(1e-4);
        assertThat(parameterError(plain, decoupled)).isGreaterThan(1e-4);
        assertThat(parameterError(coupled, decoupled)).isGreaterThan(1e-4);
    }

    @Test
    void savedWithUpdaterStateLoadedAndResumedEqualsAnUninterruptedRun() throws Exception {
        String spec = "adam(lr=cosine(0.02, steps=20), b1=0.8)";
        SameDiff uninterrupted = network(DataType.DOUBLE, new UnigradUpdater(spec));
        fit(uninterrupted, 0, 20, DataType.DOUBLE);

        SameDiff first = network(DataType.DOUBLE, new UnigradUpdater(spec));
        fit(first, 0, 8, DataType.DOUBLE);
        File file = dir.resolve("net.sd").toFile();
        first.save(file, true);
        SameDiff resumed = SameDiff.load(file, true);
        assertThat(resumed.getTrainingConfig().getUpdater()).isEqualTo(new UnigradUpdater(spec));
        fit(resumed, 8, 20, DataType.DOUBLE);
        assertThat(parameterError(uninterrupted, resumed)).isZero();

        // without the updater state the run restarts Adam's moments and bias correction: it must differ
        first.save(dir.resolve("net-no-state.sd").toFile(), false);
        SameDiff restarted = SameDiff.load(dir.resolve("net-no-state.sd").toFile(), false);
        restarted.setTrainingConfig(first.getTrainingConfig());
        fit(restarted, 8, 20, DataType.DOUBLE);
        System.out.printf("SameDiff restarted without updater state: %.2e%n", parameterError(uninterrupted, restarted));
        assertThat(parameterError(uninterrupted, restarted)).isGreaterThan(1e-6);
    }
}
