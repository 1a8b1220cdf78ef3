package io.github.unigrad.compare.data;

/** A dataset cut into a training part and a test part, standardised with the training part's statistics. */
public record Split(String name, Table train, Table test) {

    public Task task() {
        return train.task();
    }
}
