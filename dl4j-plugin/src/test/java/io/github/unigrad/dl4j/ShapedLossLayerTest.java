package io.github.unigrad.dl4j;

import io.github.unigrad.dl4j.Nets.Precision;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.exception.ND4JIllegalStateException;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.github.unigrad.dl4j.Nets.assertSame;
import static io.github.unigrad.dl4j.Nets.assertSameGradients;
import static io.github.unigrad.dl4j.Nets.base;
import static io.github.unigrad.dl4j.Nets.withData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Our loss in DL4J's loss layers for shaped outputs, {@code RnnLossLayer} ({@code [n, c, T]}),
 * {@code CnnLossLayer} ({@code [n, c, h, w]}) and {@code Cnn3DLossLayer} ({@code [n, c, d, h, w]}):
 * they hand the loss one row per time step, pixel or voxel, and a mask per position as a column
 * {@code [rows, 1]} or per output as {@code [rows, c]}. A network ending in one of them has the
 * score, gradients and per-example scores of its twin with the built-in loss, in double and float.
 */
class ShapedLossLayerTest {
    private static final int EXAMPLES = 2;
    private static final int CHANNELS = 3;
    private static final int IN = 2;

    /** Our loss and its built-in twin, with the output activation and labels they are used with. */
    enum Twin {
        MSE("mse", LossMSE::new, Activation.SIGMOID),
        SOFTMAX_CROSS_ENTROPY("softmax_cross_entropy", LossMCXENT::new, Activation.SOFTMAX);

        final String spec;
        final Supplier<ILossFunction> builtin;
        final Activation activation;

        Twin(String spec, Supplier<ILossFunction> builtin, Activation activation) {
            this.spec = spec;
            this.builtin = builtin;
            this.activation = activation;
        }

        INDArray labels(Random r, DataType type, long[] shape) {
            return this == MSE ? Arrays2.gaussian(r, type, shape) : Arrays2.oneHot(r, type, shape);
        }
    }

    /** The hidden layer and the loss layer after it, with the shape of the network's input and output. */
    enum Body {
        SIMPLE_RNN(new long[]{EXAMPLES, IN, 5}),
        LSTM(new long[]{EXAMPLES, IN, 5}),
        CNN(new long[]{EXAMPLES, IN, 4, 4}),
        CNN_3D(new long[]{EXAMPLES, IN, 2, 3, 3});

        final long[] inputShape;

        Body(long[] inputShape) {
            this.inputShape = inputShape;
        }

        long[] outputShape(int channels) {
            long[] s = inputShape.clone();
            s[1] = channels;
            return s;
        }

        Layer hidden(int channels) {
            return switch (this) {
                case SIMPLE_RNN -> new SimpleRnn.Builder().nIn(IN).nOut(channels).activation(Activation.TANH).build();
                case LSTM -> new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(IN).nOut(channels)
                        .activation(Activation.TANH).build();
                case CNN -> new ConvolutionLayer.Builder(3, 3).nIn(IN).nOut(channels).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build();
                case CNN_3D -> new Convolution3D.Builder(2, 2, 2).nIn(IN).nOut(channels).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(Convolution3D.DataFormat.NCDHW).activation(Activation.TANH).build();
            };
        }

        Layer lossLayer(ILossFunction loss, Activation activation) {
            return switch (this) {
                case SIMPLE_RNN, LSTM -> new RnnLossLayer.Builder().lossFunction(loss).activation(activation).build();
                case CNN -> new CnnLossLayer.Builder().lossFunction(loss).activation(activation).build();
                case CNN_3D -> new Cnn3DLossLayer.Builder(Convolution3D.DataFormat.NCDHW).lossFunction(loss)
                        .activation(activation).build();
            };
        }
    }

    /** What the label mask covers: nothing, each position (time step, pixel, voxel) or each single output. */
    enum Mask {
        NONE, PER_POSITION, PER_OUTPUT;

        /** Time steps {@code [n, T]}, pixels {@code [n, 1, h, w]}, voxels {@code [n, 1, d, h, w]}, or the labels' shape. */
        INDArray make(Random r, DataType type, long[] labels) {
            if (this == NONE) {
                return null;
            }
            long[] shape = labels.clone();
            if (this == PER_POSITION && labels.length == 3) {
                shape = new long[]{labels[0], labels[2]};
            } else if (this == PER_POSITION) {
                shape[1] = 1;
            }
            long cols = Arrays.stream(shape).skip(1).reduce(1, (a, b) -> a * b);
            return Arrays2.mask(r, (int) shape[0], Math.toIntExact(cols)).castTo(type).reshape('c', shape);
        }
    }

    record Case(Body body, Twin twin, Mask mask) {
    }

    static Stream<Arguments> cases() {
        Case[] cases = {
                new Case(Body.SIMPLE_RNN, Twin.MSE, Mask.NONE),
                new Case(Body.SIMPLE_RNN, Twin.MSE, Mask.PER_POSITION),
                new Case(Body.LSTM, Twin.MSE, Mask.PER_POSITION),
                new Case(Body.LSTM, Twin.MSE, Mask.PER_OUTPUT),
                new Case(Body.LSTM, Twin.SOFTMAX_CROSS_ENTROPY, Mask.PER_POSITION),
                new Case(Body.CNN, Twin.MSE, Mask.NONE),
                new Case(Body.CNN, Twin.MSE, Mask.PER_POSITION),
                new Case(Body.CNN, Twin.MSE, Mask.PER_OUTPUT),
                new Case(Body.CNN, Twin.SOFTMAX_CROSS_ENTROPY, Mask.NONE),
                new Case(Body.CNN, Twin.SOFTMAX_CROSS_ENTROPY, Mask.PER_POSITION),
        };
        return Arrays.stream(Precision.values()).flatMap(p -> Arrays.stream(cases).map(c -> Arguments.of(c, p)));
    }

    private static MultiLayerNetwork net(Body body, int channels, Twin twin, Precision p, ILossFunction loss, DataSet data) {
        return withData(base(p.type).list().layer(body.hidden(channels)).layer(body.lossLayer(loss, twin.activation)).build(), data);
    }

    /** A minibatch for {@code body} with {@code channels} outputs: gaussian features, {@code twin}'s labels, a {@code mask}. */
    private static DataSet data(Body body, int channels, Twin twin, Mask mask, Precision p) {
        Random r = new Random(11);
        long[] out = body.outputShape(channels);
        INDArray y = twin.labels(r, p.type, out);
        return new DataSet(Arrays2.gaussian(r, p.type, body.inputShape), y, null, mask.make(r, p.type, out));
    }

    /**
     * The network with our loss and its twin with the built-in, on the same data: the same score and
     * gradients, and the same per-example scores if {@code perExample}; then {@code fit} runs.
     */
    private static void assertTwinsAgree(Body body, int channels, Twin twin, Mask mask, Precision p, boolean perExample) {
        DataSet data = data(body, channels, twin, mask, p);
        MultiLayerNetwork builtin = net(body, channels, twin, p, twin.builtin.get(), data);
        MultiLayerNetwork ours = net(body, channels, twin, p, new UnigradLoss(twin.spec), data);
        assertSame(builtin, ours, data, p);
        if (perExample) {
            assertThat(Arrays2.relativeError(builtin.scoreExamples(data, false), ours.scoreExamples(data, false)))
                    .as("scoreExamples").isLessThanOrEqualTo(p.tolerance);
        }
        ours.fit(data);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cases")
    void sameScoreGradientsAndExampleScoresAsTheBuiltIn(Case c, Precision p) {
        assertTwinsAgree(c.body(), CHANNELS, c.twin(), c.mask(), p, true);
    }

    /** {@code Cnn3DLossLayer} with a per-voxel mask {@code [n, 1, d, h, w]}, softmax over the channels (fused). */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void cnn3DLossLayerHasTheScoreAndGradientsOfTheBuiltIn(Precision p) {
        assertTwinsAgree(Body.CNN_3D, CHANNELS, Twin.SOFTMAX_CROSS_ENTROPY, Mask.PER_POSITION, p, false);
    }

    /**
     * DL4J defect (1.0.0-M2.1): {@code Cnn3DLossLayer.computeScoreForExamples} reshapes the loss's
     * per-voxel scores {@code [n·d·h·w, 1]} to {@code [n, d, h, w, channels]}, so {@code scoreExamples}
     * fails for every loss, built-in or ours, unless the layer has a single channel; with one
     * channel, ours gives the built-in's per-example scores.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void cnn3DLossLayerScoresExamplesOnlyWithOneChannel(Precision p) {
        Twin twin = Twin.MSE;
        DataSet data = data(Body.CNN_3D, CHANNELS, twin, Mask.NONE, p);
        for (ILossFunction loss : new ILossFunction[]{twin.builtin.get(), new UnigradLoss(twin.spec)}) {
            MultiLayerNetwork net = net(Body.CNN_3D, CHANNELS, twin, p, loss, data);
            assertThatThrownBy(() -> net.scoreExamples(data, false)).as(loss.toString())
                    .isInstanceOf(ND4JIllegalStateException.class).hasMessageContaining("New shape length doesn't match");
        }
        assertTwinsAgree(Body.CNN_3D, 1, twin, Mask.NONE, p, true);
    }

    /**
     * DL4J defect (1.0.0-M2.1): in {@code RnnLossLayer} with {@code dataFormat(NWC)}, {@code computeScore}
     * and {@code computeScoreForExamples} replace the labels by the layer's own input
     * ({@code labels = input.permute(0, 2, 1)}): with as many time steps as outputs the score ignores
     * the labels, otherwise scoring (and so {@code computeGradientAndScore} and {@code fit}) fails on
     * the shapes; with any loss, built-in or ours. The gradients are right: those of the NCW twin.
     */
    @Test
    void rnnLossLayerInNwcFormatScoresItsInputInsteadOfTheLabels() {
        Precision p = Precision.DOUBLE;
        for (ILossFunction loss : new ILossFunction[]{new LossMSE(), new UnigradLoss("mse")}) {
            for (int steps : new int[]{CHANNELS, CHANNELS + 2}) {
                Random r = new Random(5);
                DataSet ncw = new DataSet(Arrays2.gaussian(r, p.type, EXAMPLES, IN, steps),
                        Arrays2.gaussian(r, p.type, EXAMPLES, CHANNELS, steps));
                DataSet nwc = new DataSet(ncw.getFeatures().permute(0, 2, 1).dup('c'), ncw.getLabels().permute(0, 2, 1).dup('c'));
                Function<RNNFormat, MultiLayerNetwork> net = format -> withData(base(p.type).list()
                        .layer(new SimpleRnn.Builder().nIn(IN).nOut(CHANNELS).dataFormat(format).activation(Activation.TANH).build())
                        .layer(new RnnLossLayer.Builder().dataFormat(format).lossFunction(loss).activation(Activation.IDENTITY).build())
                        .build(), format == RNNFormat.NCW ? ncw : nwc);
                MultiLayerNetwork right = net.apply(RNNFormat.NCW);
                MultiLayerNetwork wrong = net.apply(RNNFormat.NWC);
                String what = loss + ", " + steps + " steps";
                if (steps == CHANNELS) {
                    double score = wrong.score(nwc, false);
                    assertThat(wrong.score(new DataSet(nwc.getFeatures(), nwc.getLabels().mul(-3)), false)).as(what).isEqualTo(score);
                    assertThat(Arrays2.relativeError(right.score(ncw, false), score)).as(what).isGreaterThan(0.1);
                    right.computeGradientAndScore();
                    wrong.computeGradientAndScore();
                    assertSameGradients(right.gradient(), wrong.gradient(), p);
                } else {
                    assertThatThrownBy(() -> wrong.score(nwc, false)).as(what).isInstanceOf(IllegalArgumentException.class);
                    assertThatThrownBy(wrong::computeGradientAndScore).as(what).isInstanceOf(IllegalArgumentException.class);
                }
            }
        }
    }

    /**
     * DL4J defect (1.0.0-M2.1): in {@code CnnLossLayer} with {@code format(NHWC)}, {@code computeScore}
     * flattens the input and labels {@code [n, h, w, c]} with {@code ConvolutionUtils.reshape4dTo2d(array,
     * workspaceMgr, type)}, the overload that assumes NCHW: the loss gets one row per {@code (example,
     * column, channel)} holding the {@code h} values of an image column, so the activation and the loss
     * run along the height instead of the channels: MSE sums the same squares but divides them by {@code h}
     * instead of {@code c} (right only when {@code h == c}); softmax normalises over the wrong axis.
     * Whatever the loss, built-in or ours: the loss only sees the 2-D arrays the layer hands it, so our
     * adapter cannot correct it. {@code backpropGradient} and
     * {@code computeScoreForExamples} pass the format, so the gradients are right (those of the NCHW twin);
     * but {@code computeScoreForExamples} reshapes the per-pixel scores to {@code [n, 1, w, c]} (the input's
     * shape with index 1, here {@code h}, set to 1), which fails unless {@code h == c}, and is then right.
     * The right score is {@code (1/n)·Σ} over pixels of the loss over the channels, computed here by hand.
     */
    @ParameterizedTest
    @EnumSource(Twin.class)
    void cnnLossLayerInNhwcFormatScoresAlongTheHeightInsteadOfTheChannels(Twin twin) {
        Precision p = Precision.DOUBLE;
        for (int height : new int[]{CHANNELS + 1, CHANNELS}) {
            Random r = new Random(3);
            long[] in = {EXAMPLES, IN, height, 5};
            DataSet nchw = new DataSet(Arrays2.gaussian(r, p.type, in), twin.labels(r, p.type, new long[]{EXAMPLES, CHANNELS, height, 5}));
            DataSet nhwc = new DataSet(nchw.getFeatures().permute(0, 2, 3, 1).dup('c'), nchw.getLabels().permute(0, 2, 3, 1).dup('c'));
            MultiLayerNetwork right = cnnNet(CNN2DFormat.NCHW, twin, twin.builtin.get(), nchw);
            MultiLayerNetwork builtin = cnnNet(CNN2DFormat.NHWC, twin, twin.builtin.get(), nhwc);
            assertThat(builtin.params()).isEqualTo(right.params());
            INDArray z = builtin.feedForward(nhwc.getFeatures(), false).get(1); // the convolution's output [n, h, w, c]
            double[] perExample = byHand(twin, z, nhwc.getLabels(), 3);
            double rightScore = Arrays.stream(perExample).sum() / EXAMPLES;
            double wrongScore = Arrays.stream(byHand(twin, z, nhwc.getLabels(), 1)).sum() / EXAMPLES;
            assertThat(Arrays2.relativeError(rightScore, right.score(nchw, false))).as("NCHW score").isLessThanOrEqualTo(p.tolerance);
            if (twin == Twin.MSE) { // the same squares, divided by h instead of c
                assertThat(Arrays2.relativeError(rightScore * CHANNELS / height, wrongScore)).isLessThanOrEqualTo(p.tolerance);
            }
            if (twin != Twin.MSE || height != CHANNELS) {
                assertThat(Arrays2.relativeError(rightScore, wrongScore)).isGreaterThan(1e3 * p.tolerance);
            }
            right.computeGradientAndScore();
            for (ILossFunction loss : new ILossFunction[]{twin.builtin.get(), new UnigradLoss(twin.spec)}) {
                String what = loss + ", h = " + height;
                MultiLayerNetwork net = cnnNet(CNN2DFormat.NHWC, twin, loss, nhwc);
                assertThat(Arrays2.relativeError(wrongScore, net.score(nhwc, false))).as(what).isLessThanOrEqualTo(p.tolerance);
                net.computeGradientAndScore();
                assertThat(Arrays2.relativeError(wrongScore, net.score())).as(what).isLessThanOrEqualTo(p.tolerance);
                assertSameGradients(right.gradient(), net.gradient(), p);
                if (height == CHANNELS) {
                    assertThat(Arrays2.relativeError(Nd4j.createFromArray(perExample).reshape(EXAMPLES, 1),
                            net.scoreExamples(nhwc, false))).as(what).isLessThanOrEqualTo(p.tolerance);
                } else {
                    assertThatThrownBy(() -> net.scoreExamples(nhwc, false)).as(what)
                            .isInstanceOf(ND4JIllegalStateException.class).hasMessageContaining("New shape length doesn't match");
                }
            }
        }
    }

    /**
     * DL4J defect (1.0.0-M2.1): {@code CnnLossLayer} with {@code format(NHWC)} cannot take a 4-D label mask.
     * {@code ConvolutionUtils.reshapeMaskIfRequired} flattens every rank-4 mask as NCHW, whatever the
     * format, in {@code backpropGradient} as in {@code computeScore}: a per-pixel mask {@code [n, h, w, 1]}
     * becomes {@code [n·w, h]} and a per-output mask {@code [n, h, w, c]} becomes {@code [n·w·c, h]}, neither
     * fitting the {@code [n·h·w, c]} the loss gets in backprop; a per-pixel mask given as {@code [n, 1, h, w]}
     * fits it, but not the {@code [n·w·c, h]} that {@code computeScore} hands the loss (see
     * {@link #cnnLossLayerInNhwcFormatScoresAlongTheHeightInsteadOfTheChannels}). So
     * {@code computeGradientAndScore} (and {@code fit}) fails with any loss: ours rejects the mask's shape
     * naming it and the shapes it would fit; the layer flattens it before the loss sees it, so our adapter
     * cannot correct it.
     */
    @Test
    void cnnLossLayerInNhwcFormatFailsWithEveryFourDimensionalMask() {
        Twin twin = Twin.MSE;
        Random r = new Random(3);
        long height = CHANNELS + 1;
        INDArray x = Arrays2.gaussian(r, DataType.DOUBLE, EXAMPLES, height, 5, IN);
        INDArray y = Arrays2.gaussian(r, DataType.DOUBLE, EXAMPLES, height, 5, CHANNELS);
        long[][] masks = {{EXAMPLES, height, 5, 1}, {EXAMPLES, 1, height, 5}, {EXAMPLES, height, 5, CHANNELS}};
        for (long[] shape : masks) {
            INDArray mask = Arrays2.mask(r, EXAMPLES, Math.toIntExact(shape[1] * shape[2] * shape[3]))
                    .castTo(DataType.DOUBLE).reshape('c', shape);
            for (ILossFunction loss : new ILossFunction[]{twin.builtin.get(), new UnigradLoss(twin.spec)}) {
                MultiLayerNetwork net = cnnNet(CNN2DFormat.NHWC, twin, loss, new DataSet(x, y, null, mask));
                assertThatThrownBy(net::computeGradientAndScore).as(loss + ", mask " + Arrays.toString(shape))
                        .isInstanceOf(loss instanceof UnigradLoss ? IllegalArgumentException.class : IllegalStateException.class);
            }
        }
    }

    /** A 3×3 same-mode convolution (tanh) with {@code CHANNELS} outputs and a {@code CnnLossLayer}, both in {@code format}. */
    private static MultiLayerNetwork cnnNet(CNN2DFormat format, Twin twin, ILossFunction loss, DataSet data) {
        return withData(base(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(IN).nOut(CHANNELS).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(format).activation(Activation.TANH).build())
                .layer(new CnnLossLayer.Builder().format(format).lossFunction(loss).activation(twin.activation).build())
                .build(), data);
    }

    /**
     * Per example, the sum over the vectors of {@code z} and {@code y} ({@code [n, h, w, c]}) along
     * {@code axis} of {@code twin}'s loss of the vector: the mean over it of {@code (sigmoid(z) − y)²}, or
     * {@code −Σ y·log softmax(z)}. Along the channels (axis 3), the per-example scores of an NHWC image.
     */
    private static double[] byHand(Twin twin, INDArray z, INDArray y, int axis) {
        long[] shape = z.shape();
        int[] others = axis == 1 ? new int[]{2, 3} : new int[]{1, 2};
        double[] sums = new double[(int) shape[0]];
        double[] zs = new double[(int) shape[axis]];
        double[] ys = new double[zs.length];
        long[] at = new long[4];
        for (at[0] = 0; at[0] < shape[0]; at[0]++) {
            for (at[others[0]] = 0; at[others[0]] < shape[others[0]]; at[others[0]]++) {
                for (at[others[1]] = 0; at[others[1]] < shape[others[1]]; at[others[1]]++) {
                    for (int k = 0; k < zs.length; k++) {
                        at[axis] = k;
                        zs[k] = z.getDouble(at);
                        ys[k] = y.getDouble(at);
                    }
                    sums[(int) at[0]] += twin == Twin.MSE ? meanSquaredSigmoidError(zs, ys) : softmaxCrossEntropy(zs, ys);
                }
            }
        }
        return sums;
    }

    private static double meanSquaredSigmoidError(double[] z, double[] y) {
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            double d = 1 / (1 + Math.exp(-z[k])) - y[k];
            s += d * d;
        }
        return s / z.length;
    }

    private static double softmaxCrossEntropy(double[] z, double[] y) {
        double max = Arrays.stream(z).max().orElseThrow();
        double sumExp = 0;
        for (double v : z) {
            sumExp += Math.exp(v - max);
        }
        double logSumExp = max + Math.log(sumExp);
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            s -= y[k] * (z[k] - logSumExp);
        }
        return s;
    }
}
