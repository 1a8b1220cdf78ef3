package io.github.unigrad.optim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class StepMemoTest {

    @Test
    void computesOncePerStepCount() {
        AtomicInteger calls = new AtomicInteger();
        StepMemo<Double> memo = new StepMemo<>(t -> {
            calls.incrementAndGet();
            return Math.pow(0.9, t);
        });
        for (int piece = 0; piece < 5; piece++) {
            assertThat(memo.at(3)).isEqualTo(Math.pow(0.9, 3));
        }
        assertThat(calls.get()).isEqualTo(1);
        assertThat(memo.at(4)).isEqualTo(Math.pow(0.9, 4));
        assertThat(memo.at(3)).isEqualTo(Math.pow(0.9, 3));
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void threadsAtDifferentStepsEachGetTheirOwnStepsValue() throws Exception {
        StepMemo<Double> memo = new StepMemo<>(t -> Math.pow(0.999, t));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int thread = 0; thread < 2; thread++) {
                long offset = thread;
                results.add(pool.submit(() -> {
                    for (long t = 1 + offset; t < 20_000; t += 2) {
                        if (memo.at(t) != Math.pow(0.999, t)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }
}
