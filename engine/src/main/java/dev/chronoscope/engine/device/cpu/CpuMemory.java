package dev.chronoscope.engine.device.cpu;

import dev.chronoscope.engine.device.DType;
import dev.chronoscope.engine.device.DeviceException;
import dev.chronoscope.engine.device.DeviceOutOfMemoryError;
import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.kernels.DeviceMemoryView;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Device memory as host arrays, accounted in the bytes a GPU would use for each dtype against a
 * fixed capacity (16-bit floats are charged 2 bytes although they are held as Java floats).
 */
final class CpuMemory implements DeviceMemoryView {
    private final long capacityBytes;
    private final AtomicLong usedBytes = new AtomicLong();
    private final AtomicLong nextId = new AtomicLong(1);
    private final ConcurrentHashMap<Long, Object> storage = new ConcurrentHashMap<>();

    CpuMemory(long capacityBytes) { this.capacityBytes = capacityBytes; }

    long capacityBytes() { return capacityBytes; }

    long usedBytes() { return usedBytes.get(); }

    DevicePtr allocate(DType dtype, long count) {
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw new DeviceException("cannot allocate " + count + " elements of " + dtype + " on a CPU device");
        }
        long bytes = count * dtype.bytes();
        long before;
        do {
            before = usedBytes.get();
            if (before + bytes > capacityBytes) {
                throw new DeviceOutOfMemoryError("out of memory: tried to allocate " + bytes + " bytes with "
                        + (capacityBytes - before) + " of " + capacityBytes + " bytes free");
            }
        } while (!usedBytes.compareAndSet(before, before + bytes));
        long id = nextId.getAndIncrement();
        int n = (int) count;
        storage.put(id, switch (dtype) {
            case F32, F16, BF16 -> new float[n];
            case I32 -> new int[n];
            case I64 -> new long[n];
        });
        return new DevicePtr(id, dtype, 0, count);
    }

    void release(DevicePtr ptr) {
        if (ptr.offset() != 0) throw new DeviceException("free of a pointer into the middle of an allocation");
        if (storage.remove(ptr.allocation()) == null) throw new DeviceException("free of an unknown pointer " + ptr);
        usedBytes.addAndGet(-ptr.bytes());
    }

    void releaseAll() {
        storage.clear();
        usedBytes.set(0);
    }

    private Object backing(DevicePtr ptr) {
        Object array = storage.get(ptr.allocation());
        if (array == null) throw new DeviceException("access to freed or unknown memory " + ptr);
        return array;
    }

    @Override
    public float[] floats(DevicePtr ptr) {
        if (backing(ptr) instanceof float[] f) return f;
        throw new DeviceException("expected floating-point memory at " + ptr);
    }

    @Override
    public int[] ints(DevicePtr ptr) {
        if (backing(ptr) instanceof int[] i) return i;
        throw new DeviceException("expected int32 memory at " + ptr);
    }

    @Override
    public long[] longs(DevicePtr ptr) {
        if (backing(ptr) instanceof long[] l) return l;
        throw new DeviceException("expected int64 memory at " + ptr);
    }
}
