package io.clearing.server.ingress;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How an idle ingress (or embedded media driver) thread waits for work. On a machine with few cores prefer
 * {@link #BACKOFF} or {@link #YIELDING}: a spinning thread takes a core from the engine's own threads.
 */
public enum IdleStrategyType
{
    /**
     * Spin, then yield, then park from 1 us up to 1 ms: little CPU when idle, microseconds to wake.
     */
    BACKOFF
    {
        @Override
        public IdleStrategy newStrategy()
        {
            return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
        }
    },
    /**
     * {@code Thread.yield()} when idle: lowest latency that still lets other threads run; a core's worth of CPU.
     */
    YIELDING
    {
        @Override
        public IdleStrategy newStrategy()
        {
            return YieldingIdleStrategy.INSTANCE;
        }
    },
    /**
     * Sleep 1 ms when idle: least CPU, a millisecond of latency.
     */
    SLEEPING
    {
        @Override
        public IdleStrategy newStrategy()
        {
            return new SleepingMillisIdleStrategy(1);
        }
    },
    /**
     * Never yields the core: only with a core to spare for this thread alone.
     */
    BUSY_SPIN
    {
        @Override
        public IdleStrategy newStrategy()
        {
            return BusySpinIdleStrategy.INSTANCE;
        }
    };

    /**
     * @return a new strategy instance (strategies hold per-thread state).
     */
    public abstract IdleStrategy newStrategy();
}
