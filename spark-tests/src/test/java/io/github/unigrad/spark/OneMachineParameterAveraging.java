package io.github.unigrad.spark;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One round of synchronous parameter averaging, computed on one machine from its definition, to compare with what
 * {@code ParameterAveragingTrainingMaster} does on Spark: every worker starts from a copy of the master's
 * configuration (with its iteration count), parameters and updater state, fits its own minibatches in order, then the
 * master takes the element-wise mean of the workers' parameters and, when the updater state is kept
 * ({@code saveUpdater(true)}), the element-wise mean of their updater states, and advances its iteration count by the
 * averaging frequency. Without {@code saveUpdater} the master's updater state is left as it was, so every round's
 * workers start again from it. When all the training data fits in one split (at most
 * {@code workers × batchSizePerWorker × averagingFrequency} examples), one {@code SparkDl4jMultiLayer.fit} is exactly
 * one such round followed by an epoch-count increment, which is what {@link #fitEpoch} does.
 */
final class OneMachineParameterAveraging {
    private OneMachineParameterAveraging() {
    }

    static void fitEpoch(MultiLayerNetwork master, List<List<DataSet>> minibatchesPerWorker, int averagingFrequency,
            boolean saveUpdater) {
        List<MultiLayerNetwork> workers = new ArrayList<>();
        for (List<DataSet> minibatches : minibatchesPerWorker) {
            MultiLayerNetwork worker = new MultiLayerNetwork(master.getLayerWiseConfigurations().clone());
            worker.init(master.params().dup(), false);
            worker.setUpdater(new MultiLayerUpdater(worker, master.getUpdater().getStateViewArray().dup()));
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

    private static INDArray mean(List<INDArray> arrays) {
        INDArray sum = arrays.get(0).dup();
        for (INDArray array : arrays.subList(1, arrays.size())) {
            sum.addi(array);
        }
        return sum.divi(arrays.size());
    }
}
