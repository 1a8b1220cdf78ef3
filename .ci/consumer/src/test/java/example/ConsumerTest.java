package example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.unigrad.dl4j.UnigradLoss;
import io.github.unigrad.dl4j.UnigradUpdater;
import io.github.unigrad.tribuo.UnigradLabelObjective;
import io.github.unigrad.tribuo.UnigradOptimiser;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** A user's project: one DL4J network and one Tribuo model trained with Unigrad's components. */
class ConsumerTest {

    /** Two Gaussian blobs in the plane, centred at (−1.5, −1.5) and (1.5, 1.5): linearly separable but for a few. */
    private static double[][] points(int n, Random random) {
        double[][] xy = new double[n][3];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double centre = label == 0 ? -1.5 : 1.5;
            xy[i][0] = centre + random.nextGaussian();
            xy[i][1] = centre + random.nextGaussian();
            xy[i][2] = label;
        }
        return xy;
    }

    @Test
    void dl4jNetworkTrainsWithUnigradLossAndUpdater() {
        double[][] xy = points(200, new Random(1));
        INDArray features = Nd4j.create(200, 2);
        INDArray labels = Nd4j.zeros(200, 2);
        for (int i = 0; i < 200; i++) {
            features.putScalar(i, 0, xy[i][0]);
            features.putScalar(i, 1, xy[i][1]);
            labels.putScalar(i, (int) xy[i][2], 1.0);
        }
        DataSet data = new DataSet(features, labels);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new UnigradUpdater("adam(lr=0.05)"))
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().nIn(8).nOut(2).activation(Activation.SOFTMAX)
                        .lossFunction(new UnigradLoss("softmax_cross_entropy")).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        double before = net.score(data);
        for (int epoch = 0; epoch < 50; epoch++) {
            net.fit(data);
        }
        double after = net.score(data);
        double accuracy = net.evaluate(new SingletonDataSetIterator(data)).accuracy();
        assertTrue(after < 0.5 * before, "score " + before + " -> " + after);
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    @Test
    void tribuoModelTrainsWithUnigradObjectiveAndOptimiser() {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> train = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", factory), factory);
        for (double[] p : points(200, new Random(2))) {
            train.add(new ArrayExample<>(new Label(p[2] == 0 ? "a" : "b"), new String[] {"x", "y"},
                    new double[] {p[0], p[1]}));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(
                new UnigradLabelObjective("softmax_cross_entropy"),
                new UnigradOptimiser("adagrad(lr=0.5)"), 5, 42L);
        Model<Label> model = trainer.train(train);
        double accuracy = new LabelEvaluator().evaluate(model, train).accuracy();
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }
}
