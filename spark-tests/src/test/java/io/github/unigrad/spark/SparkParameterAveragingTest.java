package io.github.unigrad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.kryo.Nd4jRegistrator;

import io.github.unigrad.dl4j.UnigradLoss;
import io.github.unigrad.dl4j.UnigradUpdaters;

/**
 * DL4J networks configured with Unigrad losses and optimisers, trained on Spark ({@code local[2]}) with
 * {@link ParameterAveragingTrainingMaster}, compared with the same parameter averaging computed on one machine
 * ({@link OneMachineParameterAveraging}) and, where DL4J has the same loss and updater built in, with those.
 *
 * <p>The set-up makes Spark's schedule deterministic: the 150 iris rows are 10 {@code DataSet}s of 15 rows in an
 * RDD of 2 partitions, with {@code Repartition.Never} and {@code RDDTrainingApproach.Direct}; with
 * {@code batchSizePerWorker = 15} and {@code averagingFrequency = 5} the whole epoch is one split, so each worker fits
 * its own 5 minibatches in order and one averaging ends the epoch. Everything runs in double precision, and the two
 * computations do the same floating-point operations in the same order, so Spark and one machine agree to rounding
 * ({@link #SAME_COMPUTATION}).
 *
 * <p>The paths a cluster takes are all exercised: the training workers' network goes through Kryo (with DL4J's
 * {@code Nd4jRegistrator}, the serializer this context uses, as DL4J recommends) or Java serialisation (Spark's
 * default), see {@link OneMachineParameterAveraging}; scoring and evaluation rebuild the network on the executors from
 * its JSON configuration; the saved model goes through {@code ModelSerializer}.
 */
class SparkParameterAveragingTest {
    private static final int WORKERS = 2;
    private static final int BATCH = 15;
    private static final int BATCHES_PER_WORKER = Iris.ROWS / BATCH / WORKERS;
    private static final int EPOCHS = 6;
    /**
     * Spark against one machine: identical operations on identical doubles; the margin covers only a different
     * summation order inside multi-threaded native kernels (none was observed: parameters and updater states are
     * bitwise equal; scores, summed in a different order, differ by 5e-17).
     */
    private static final double SAME_COMPUTATION = 1e-12;
    /**
     * Unigrad against DL4J's built-in loss and updater (same formulas, computed by different code: Java loops against
     * native kernels), after {@value #EPOCHS} epochs of 5 Adam steps per worker: rounding differences of 1e-16 grow
     * through training (to 6e-16 observed), far below this margin.
     */
    private static final double SAME_FORMULA = 1e-10;

    private static JavaSparkContext spark;
    private static Iris iris;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[" + WORKERS + "]")
                .setAppName("unigrad-spark-tests")
                .set("spark.driver.host", "localhost").set("spark.ui.enabled", "false")
                .set("spark.serializer", KryoSerializer.class.getName())
                .set("spark.kryo.registrator", Nd4jRegistrator.class.getName()));
        iris = Iris.load(7);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /**
     * Softmax cross-entropy with Adam, keeping the updater state ({@code saveUpdater(true)}, which averages the Adam
     * moments like the parameters), against one machine and against DL4J's {@code LossMCXENT} with {@code Adam}; then
     * scoring and evaluation on Spark, and a saved model that continues training on one machine.
     */
    @Test
    void softmaxCrossEntropyWithAdam(@TempDir Path dir) throws IOException {
        List<DataSet> batches = iris.speciesBatches(BATCH);
        // epsilonHat=true puts eps where DL4J's Adam puts it, so the built-in is the same formula
        Supplier<MultiLayerNetwork> ours = () -> network(Iris.MEASUREMENTS, Iris.SPECIES, Activation.SOFTMAX,
                new UnigradLoss("softmax_cross_entropy"),
                conf -> UnigradUpdaters.configure(conf, "adam(lr=0.05, epsilonHat=true)"));
        Supplier<MultiLayerNetwork> builtIn = () -> network(Iris.MEASUREMENTS, Iris.SPECIES, Activation.SOFTMAX,
                new LossMCXENT(),
                builtIn(new Adam(0.05)));
        DataSet all = DataSet.merge(batches);
        double initialScore = ours.get().score(all);

        Trained trained = trainOursAndBuiltIn(ours, builtIn, batches, true, kryo());

        double sparkScore = trained.scoreOnSpark(all);
        assertThat(sparkScore).isLessThan(initialScore / 4);
        Evaluation evaluation = trained.sparkNet.evaluate(trained.rdd);
        Evaluation oneMachineEvaluation = new Evaluation(Iris.SPECIES);
        oneMachineEvaluation.eval(all.getLabels(), trained.oneMachine.output(all.getFeatures()));
        assertThat(evaluation.accuracy()).isGreaterThan(0.93).isEqualTo(oneMachineEvaluation.accuracy());
        assertThat(evaluation.getConfusionMatrix().toCSV())
                .isEqualTo(oneMachineEvaluation.getConfusionMatrix().toCSV());

        File saved = dir.resolve("softmax-adam.zip").toFile();
        ModelSerializer.writeModel(trained.spark(), saved, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(saved, true);
        assertThat(restored.getLayerWiseConfigurations()).isEqualTo(trained.spark().getLayerWiseConfigurations());
        assertClose(restored.params(), trained.spark().params(), 0);
        assertClose(restored.getUpdater().getStateViewArray(), trained.spark().getUpdater().getStateViewArray(), 0);
        MultiLayerNetwork continued = trained.spark().clone();
        for (DataSet batch : batches) {
            restored.fit(batch);
            continued.fit(batch);
        }
        assertClose(restored.params(), continued.params(), SAME_COMPUTATION);
        assertThat(restored.score(all)).isLessThan(sparkScore);
    }

    /**
     * Huber regression with AdamW, whose decoupled weight decay {@link UnigradUpdaters#configure} hands to DL4J as
     * {@code WeightDecay(applyLR=true)} on every layer, without keeping the updater state
     * ({@code saveUpdater(false)}: every split's workers start again from the master's initial, zero, Adam moments
     * while the iteration count keeps running), against one machine and against DL4J's {@code Adam} with the same
     * {@code WeightDecay}; then scoring and regression evaluation on Spark.
     */
    @Test
    void huberWithAdamW() {
        List<DataSet> batches = iris.petalWidthBatches(BATCH);
        UnigradLoss huber = new UnigradLoss("huber(delta=1)");
        Supplier<MultiLayerNetwork> ours = () -> network(Iris.MEASUREMENTS - 1, 1, Activation.IDENTITY, huber,
                conf -> UnigradUpdaters.configure(conf, "adamw(lr=0.03, weightDecay=0.01, epsilonHat=true)"));
        Supplier<MultiLayerNetwork> builtIn = () -> network(Iris.MEASUREMENTS - 1, 1, Activation.IDENTITY, huber,
                builtIn(new Adam(0.03), new WeightDecay(0.01, true)));
        // the decay is applied once, to weights and biases (a network-wide WeightDecay would be applied twice)
        for (MultiLayerNetwork net : List.of(ours.get(), builtIn.get())) {
            for (NeuralNetConfiguration layer : net.getLayerWiseConfigurations().getConfs()) {
                BaseLayer configured = (BaseLayer) layer.getLayer();
                assertThat(configured.getRegularization()).containsExactly(new WeightDecay(0.01, true));
                assertThat(configured.getRegularizationBias()).containsExactly(new WeightDecay(0.01, true));
            }
        }
        DataSet all = DataSet.merge(batches);
        double initialScore = ours.get().score(all);

        Trained trained = trainOursAndBuiltIn(ours, builtIn, batches, false, javaSerialisation());

        // nothing carried between rounds: the master's Adam moments are still the initial zeros
        assertThat(trained.spark().getUpdater().getStateViewArray().amaxNumber().doubleValue()).isZero();
        assertThat(trained.scoreOnSpark(all)).isLessThan(initialScore / 4);
        RegressionEvaluation evaluation = trained.sparkNet.evaluateRegression(trained.rdd);
        assertThat(evaluation.rSquared(0)).isGreaterThan(0.85);
    }

    /** Dense(inputs → 8, tanh) and an output layer, in double precision; {@code optimiser} then configures it. */
    private static MultiLayerNetwork network(int inputs, int outputs, Activation output, ILossFunction loss,
            Consumer<MultiLayerConfiguration> optimiser) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().nIn(8).nOut(outputs).activation(output).lossFunction(loss).build())
                .build();
        optimiser.accept(conf);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** DL4J's {@code updater} with {@code regularization} on every layer's weights and biases. */
    private static Consumer<MultiLayerConfiguration> builtIn(IUpdater updater, Regularization... regularization) {
        return conf -> {
            for (NeuralNetConfiguration layer : conf.getConfs()) {
                BaseLayer configured = (BaseLayer) layer.getLayer();
                configured.setIUpdater(updater.clone());
                // mutable lists, as DL4J's builders make: Kryo cannot rebuild an immutable List.of on a worker
                configured.setRegularization(new ArrayList<>(List.of(regularization)));
                configured.setRegularizationBias(new ArrayList<>(List.of(regularization)));
            }
        };
    }

    /**
     * Trains {@code ours} and {@code builtIn} (initialised alike) on Spark and on one machine; checks each Spark result
     * against its one-machine reference, and ours against the built-in. Returns ours.
     */
    private static Trained trainOursAndBuiltIn(Supplier<MultiLayerNetwork> ours, Supplier<MultiLayerNetwork> builtIn,
            List<DataSet> batches, boolean saveUpdater, SerializerInstance shipping) {
        assertClose(ours.get().params(), builtIn.get().params(), 0);
        Trained oursTrained = trainOnSparkAndOneMachine(ours, batches, saveUpdater, shipping);
        Trained builtInTrained = trainOnSparkAndOneMachine(builtIn, batches, saveUpdater, shipping);
        oursTrained.assertSparkMatchesOneMachine();
        builtInTrained.assertSparkMatchesOneMachine();
        assertClose(oursTrained.spark().params(), builtInTrained.spark().params(), SAME_FORMULA);
        // the same state layout as DL4J's Adam ([m | v] per block), averaged or reset the same way
        assertClose(oursTrained.spark().getUpdater().getStateViewArray(),
                builtInTrained.spark().getUpdater().getStateViewArray(), SAME_FORMULA);
        return oursTrained;
    }

    /** Kryo with DL4J's registrator, as this Spark context is configured (DL4J's recommended setting). */
    private static SerializerInstance kryo() {
        return spark.env().serializer().newInstance();
    }

    /** Java serialisation, Spark's default serializer. */
    private static SerializerInstance javaSerialisation() {
        return new JavaSerializer(spark.getConf()).newInstance();
    }

    /**
     * {@value #EPOCHS} epochs of a {@code network} on Spark, and of another one built alike by
     * {@link OneMachineParameterAveraging} with workers receiving it through {@code shipping}. (Built twice rather than
     * cloned: a clone would not carry what the configuration holds exactly, e.g. its list types.)
     */
    private static Trained trainOnSparkAndOneMachine(Supplier<MultiLayerNetwork> network, List<DataSet> batches,
            boolean saveUpdater, SerializerInstance shipping) {
        MultiLayerNetwork net = network.get();
        MultiLayerNetwork oneMachine = network.get();
        JavaRDD<DataSet> rdd = spark.parallelize(batches, WORKERS);
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(WORKERS, BATCH)
                .batchSizePerWorker(BATCH).averagingFrequency(BATCHES_PER_WORKER).saveUpdater(saveUpdater)
                .repartionData(Repartition.Never).rddTrainingApproach(RDDTrainingApproach.Direct).rngSeed(1)
                .build();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(spark, net, master);
        OneMachineParameterAveraging reference = new OneMachineParameterAveraging(shipping, BATCHES_PER_WORKER,
                saveUpdater);
        List<List<DataSet>> perWorker = List.of(batches.subList(0, BATCHES_PER_WORKER),
                batches.subList(BATCHES_PER_WORKER, 2 * BATCHES_PER_WORKER));
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            sparkNet.fit(rdd);
            reference.fitEpoch(oneMachine, perWorker);
        }
        return new Trained(sparkNet, rdd, oneMachine);
    }

    private record Trained(SparkDl4jMultiLayer sparkNet, JavaRDD<DataSet> rdd, MultiLayerNetwork oneMachine) {
        MultiLayerNetwork spark() {
            return sparkNet.getNetwork();
        }

        /** The mean score over {@code all}, computed on Spark, checked against one machine. */
        double scoreOnSpark(DataSet all) {
            double score = sparkNet.calculateScore(rdd, true);
            assertThat(score).isCloseTo(oneMachine.score(all), within(SAME_COMPUTATION));
            return score;
        }

        void assertSparkMatchesOneMachine() {
            assertThat(spark().getIterationCount()).isEqualTo(oneMachine.getIterationCount())
                    .isEqualTo(EPOCHS * BATCHES_PER_WORKER);
            assertThat(spark().getEpochCount()).isEqualTo(oneMachine.getEpochCount()).isEqualTo(EPOCHS);
            assertClose(spark().params(), oneMachine.params(), SAME_COMPUTATION);
            assertClose(spark().getUpdater().getStateViewArray(), oneMachine.getUpdater().getStateViewArray(),
                    SAME_COMPUTATION);
        }
    }

    private static void assertClose(INDArray actual, INDArray expected, double tolerance) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double difference = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(difference).as("largest absolute difference").isLessThanOrEqualTo(tolerance);
    }
}
