package org.shiftscope.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.TaskMonitor;

/**
 * Reads NumPy {@code .npz} archives ({@code np.savez} and {@code np.savez_compressed}): every array in it must have
 * the same number of rows. A 1-D array {@code name} becomes the column {@code name}; a 2-D array of d columns becomes
 * {@code name_0 ... name_(d-1)}, or {@code dim_0 ...} when the archive holds that one array alone (as a .npy of it
 * reads). So an archive of embeddings with their labels ({@code np.savez(f, X=emb, y=labels)}) opens as one table.
 */
public final class NpzReader {

    private NpzReader() {
    }

    public static Dataset read(Path path, TaskMonitor monitor) {
        String file = path.getFileName().toString();
        SourceBytes source = SourceBytes.open(path);
        String hash = source.hash();
        List<String> names = new ArrayList<>();
        List<NpyReader.Array> arrays = new ArrayList<>();
        // the central directory, not a stream of local headers: numpy writes its entries as zip64 with data
        // descriptors, which java.util.zip's streaming reader cannot size
        try (ZipFile zip = new ZipFile(path.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                monitor.checkCancelled();
                String entry = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                if (!entry.toLowerCase(Locale.ROOT).endsWith(".npy")) {
                    throw DataException.inFile(file, "holds '" + entry + "', which is not a .npy array; an .npz"
                            + " archive holds only arrays");
                }
                String name = entry.substring(0, entry.length() - 4);
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e))) {
                    arrays.add(NpyReader.readArray(in, file + ": array '" + name + "'", e.getSize()));
                }
                names.add(name);
            }
        } catch (java.util.zip.ZipException e) {
            throw DataException.inFile(file, "not a readable .npz archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw DataException.inFile(file, "cannot be read: " + e);
        }
        if (arrays.isEmpty()) {
            throw DataException.inFile(file, "the .npz archive holds no arrays");
        }
        long rows = arrays.get(0).shape()[0];
        List<Column> columns = new ArrayList<>();
        for (int a = 0; a < arrays.size(); a++) {
            NpyReader.Array array = arrays.get(a);
            if (array.shape()[0] != rows) {
                throw DataException.inFile(file, "array '" + names.get(a) + "' has shape "
                        + NpyReader.shapeText(array.shape()) + " but '" + names.get(0) + "' has "
                        + NpyReader.shapeText(arrays.get(0).shape()) + "; every array must have the same number of"
                        + " rows to make one table");
            }
            boolean matrix = array.shape().length == 2;
            String prefix = matrix && arrays.size() == 1 ? "dim" : names.get(a);
            for (int j = 0; j < array.columns().length; j++) {
                columns.add(new NumericColumn(matrix ? prefix + "_" + j : names.get(a), array.columns()[j]));
            }
        }
        return new Dataset(file, DataSource.ofFile(path, "npz", hash), columns);
    }

}
