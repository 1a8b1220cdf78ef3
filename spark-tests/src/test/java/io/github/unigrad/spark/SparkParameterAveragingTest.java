package io.github.unigrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class SparkParameterAveragingTest {
    private static final int WORKERS = 2;
    private static final int BATCH = 15;
    private static final int AVERAGING_FREQUENCY = 5;

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[" + WORKERS + "]").setAppName("unigrad")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void builtInsTrainOnSpark() {
        List<DataSet> batches = Iris.load(7).speciesBatches(BATCH);
        JavaRDD<DataSet> rdd = spark.parallelize(batches, WORKERS);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .updater(new Adam(0.05)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().nIn(8).nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(new LossMCXENT()).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(WORKERS, BATCH)
                .batchSizePerWorker(BATCH).averagingFrequency(AVERAGING_FREQUENCY).saveUpdater(true)
                .repartionData(Repartition.Never).rddTrainingApproach(RDDTrainingApproach.Direct).rngSeed(1).build();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(spark, net, master);
        for (int epoch = 0; epoch < 10; epoch++) {
            sparkNet.fit(rdd);
        }
        Evaluation evaluation = sparkNet.evaluate(rdd);
        assertThat(evaluation.accuracy()).isGreaterThan(0.9);
    }
}
