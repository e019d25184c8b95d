package io.gatehouse.world.grpc;

import io.gatehouse.world.io.ChunkedFileReader;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one server-streaming call from a {@link ChunkSource} under gRPC flow control.
 *
 * <p>Reads happen only on the bounded IO executor and only while {@link ServerCallStreamObserver#isReady()} says
 * the transport wants more, so a slow client costs one chunk of memory, not the whole file. gRPC callbacks
 * (onReady, onCancel) merely schedule a drain: nothing blocks a transport or event-loop thread. A drain pass is
 * serialised by a work-in-progress counter (onNext is never called concurrently) and yields its thread after a
 * batch so one fast download cannot starve the others. Cancellation, including an expired deadline, closes the
 * file at the next drain and nothing more is read.
 */
final class FlowControlledStream<T> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(FlowControlledStream.class);
    private static final int BATCH = 8;

    private final ServerCallStreamObserver<T> call;
    private final Executor executor;
    private final Callable<ChunkSource<T>> opener;
    private final String description;
    private final Consumer<Boolean> onFinished;
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;

    // confined to the drain (serialised by wip)
    private ChunkSource<T> source;
    private boolean headerSent;
    private boolean finished;
    private boolean yield;

    /**
     * @param onFinished called once when the stream ends, with true if it completed normally
     */
    FlowControlledStream(ServerCallStreamObserver<T> call, Executor executor, Callable<ChunkSource<T>> opener,
                         String description, Consumer<Boolean> onFinished) {
        this.call = call;
        this.executor = executor;
        this.opener = opener;
        this.description = description;
        this.onFinished = onFinished;
    }

    /** Must be called from the service method, before it returns (gRPC only accepts handlers then). */
    void start() {
        call.setOnReadyHandler(this::schedule);
        call.setOnCancelHandler(() -> {
            cancelled = true;
            schedule();
        });
        schedule();
    }

    private void schedule() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        try {
            executor.execute(this);
        } catch (RejectedExecutionException e) {
            wip.set(0);
            // the pool is saturated: shed this call rather than queue unbounded work
            synchronized (this) {
                if (!finished) {
                    finished = true;
                    closeSource();
                    safeError(Status.RESOURCE_EXHAUSTED.withDescription("world-service IO pool saturated"));
                    onFinished.accept(false);
                }
            }
        }
    }

    @Override
    public void run() {
        synchronized (this) { // memory visibility of the confined fields across pool threads
            int missed = 1;
            do {
                drain();
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
            if (yield) {
                yield = false;
                schedule();
            }
        }
    }

    private void drain() {
        if (finished) {
            return;
        }
        if (cancelled || call.isCancelled()) {
            finish(false);
            return;
        }
        try {
            if (source == null) {
                source = opener.call();
            }
            if (!headerSent) {
                if (!call.isReady()) {
                    return;
                }
                call.onNext(source.header());
                headerSent = true;
            }
            int sent = 0;
            while (source.hasNext()) {
                if (cancelled || !call.isReady()) {
                    return; // resumed by onReady or finished by onCancel
                }
                if (sent++ == BATCH) {
                    yield = true;
                    return;
                }
                call.onNext(source.next());
            }
            source.finish();
            finish(true);
            call.onCompleted();
        } catch (ChunkedFileReader.ContentChangedException e) {
            log.warn("{}: {}", description, e.getMessage());
            fail(Status.DATA_LOSS.withDescription(e.getMessage()));
        } catch (IOException e) {
            log.warn("{}: read failed: {}", description, e.toString());
            fail(Status.INTERNAL.withDescription("Reading " + description + " failed: " + e.getMessage()));
        } catch (RuntimeException e) {
            if (cancelled || call.isCancelled()) {
                finish(false); // onNext racing a cancel may throw; the client is gone anyway
                return;
            }
            log.warn("{}: stream failed", description, e);
            fail(Status.INTERNAL.withDescription("streaming " + description + " failed"));
        } catch (Exception e) {
            fail(Status.INTERNAL.withDescription("opening " + description + " failed: " + e.getMessage()));
        }
    }

    private void fail(Status status) {
        if (finished) {
            return;
        }
        finish(false);
        safeError(status);
    }

    private void safeError(Status status) {
        try {
            call.onError(status.asRuntimeException());
        } catch (RuntimeException ignored) {
            // already closed or cancelled
        }
    }

    private void finish(boolean completed) {
        finished = true;
        closeSource();
        onFinished.accept(completed);
    }

    private void closeSource() {
        if (source != null) {
            source.close();
            source = null;
        }
    }
}
