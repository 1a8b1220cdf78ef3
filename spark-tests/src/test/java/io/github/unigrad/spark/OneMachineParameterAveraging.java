package io.github.unigrad.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.serializer.SerializerInstance;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Synchronous parameter averaging computed on one machine from its definition, to compare with what
 * {@code ParameterAveragingTrainingMaster} does on Spark. In a round, every worker receives the master's configuration
 * (with its iteration count), parameters and updater state, fits its own minibatches in order; then the master takes
 * the element-wise mean of the workers' parameters and, when the updater state is kept ({@code saveUpdater(true)}),
 * the element-wise mean of their updater states, and advances its iteration count by the averaging frequency.
 * Without {@code saveUpdater} the master's updater state is left as it was, so every round's workers start again from
 * it.
 *
 * <p>A remote executor receives the master's network as a broadcast, deserialised with the cluster's serializer (Java
 * serialisation, Spark's default, or Kryo). Spark in local mode hands the executor threads the driver's object
 * itself, so here every worker's copy is shipped through {@code serializer} and then, as DL4J's worker does, its
 * configuration is cloned: the configuration, our loss and updater included, must come out intact for the results to
 * match.
 *
 * <p>When all the training data fits in one split (at most {@code workers × batchSizePerWorker × averagingFrequency}
 * examples), one {@code SparkDl4jMultiLayer.fit} is exactly one round followed by an epoch-count increment, which is
 * what {@link #fitEpoch} does.
 */
final class OneMachineParameterAveraging {
    private static final ClassTag<NetBroadcastTuple> BROADCAST = ClassTag$.MODULE$.apply(NetBroadcastTuple.class);

    private final SerializerInstance serializer;
    private final int averagingFrequency;
    private final boolean saveUpdater;

    OneMachineParameterAveraging(SerializerInstance serializer, int averagingFrequency, boolean saveUpdater) {
        this.serializer = serializer;
        this.averagingFrequency = averagingFrequency;
        this.saveUpdater = saveUpdater;
    }

    void fitEpoch(MultiLayerNetwork master, List<List<DataSet>> minibatchesPerWorker) {
        List<MultiLayerNetwork> workers = new ArrayList<>();
        for (List<DataSet> minibatches : minibatchesPerWorker) {
            MultiLayerNetwork worker = receive(master);
            for (DataSet minibatch : minibatches) {
                worker.fit(minibatch);
            }
            workers.add(worker);
        }
        master.setParameters(mean(workers.stream().map(MultiLayerNetwork::params).toList()));
        if (saveUpdater) {
            master.getUpdater().setStateViewArray(master,
                    mean(workers.stream().map(w -> w.getUpdater().getStateViewArray()).toList()), false);
        }
        MultiLayerConfiguration configuration = master.getLayerWiseConfigurations();
        configuration.setIterationCount(configuration.getIterationCount() + averagingFrequency);
        master.incrementEpochCount();
    }

    private MultiLayerNetwork receive(MultiLayerNetwork master) {
        NetBroadcastTuple sent = new NetBroadcastTuple(master.getLayerWiseConfigurations(), master.params(),
                master.getUpdater().getStateViewArray());
        NetBroadcastTuple received = serializer.deserialize(serializer.serialize(sent, BROADCAST), BROADCAST);
        MultiLayerNetwork worker = new MultiLayerNetwork(received.getConfiguration().clone());
        worker.init(received.getParameters(), false);
        worker.setUpdater(new MultiLayerUpdater(worker, received.getUpdaterState()));
        return worker;
    }

    private static INDArray mean(List<INDArray> arrays) {
        INDArray sum = arrays.get(0).dup();
        for (INDArray array : arrays.subList(1, arrays.size())) {
            sum.addi(array);
        }
        return sum.divi(arrays.size());
    }
}
