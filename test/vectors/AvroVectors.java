// Reference answers from Apache Avro for Java, run by generate_avro_vectors.py (see there). Reads
// {"crc64Inputs": [string], "schemas": [{"name", "schema"}], "datums": [{"name", "schema", "avroJson"}]}
// on stdin and prints, as JSON, what the Java implementation computes for each:
//   CRC-64-AVRO of the UTF-8 bytes       SchemaNormalization.fingerprint64
//   Parsing Canonical Form, fingerprint  SchemaNormalization.toParsingForm, parsingFingerprint64
//   single-object encoding of a datum    BinaryMessageEncoder (GenericData)
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;

public class AvroVectors {
  private static final HexFormat HEX = HexFormat.of();

  public static void main(String[] args) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode input = mapper.readTree(System.in);
    ObjectNode output = mapper.createObjectNode();
    output.put("avroVersion", Schema.class.getPackage().getImplementationVersion());

    ArrayNode crc64 = output.putArray("crc64");
    for (JsonNode text : input.get("crc64Inputs")) {
      long fingerprint = SchemaNormalization.fingerprint64(text.asText().getBytes(StandardCharsets.UTF_8));
      crc64.addObject().put("input", text.asText()).put("fingerprint", unsignedHex(fingerprint))
          .put("fingerprintLE", littleEndianHex(fingerprint));
    }

    ArrayNode schemas = output.putArray("schemas");
    for (JsonNode testCase : input.get("schemas")) {
      Schema schema = new Schema.Parser().parse(testCase.get("schema").toString());
      long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
      schemas.addObject().put("name", testCase.get("name").asText())
          .put("canonicalForm", SchemaNormalization.toParsingForm(schema))
          .put("fingerprint", unsignedHex(fingerprint)).put("fingerprintLE", littleEndianHex(fingerprint));
    }

    ArrayNode datums = output.putArray("datums");
    for (JsonNode testCase : input.get("datums")) {
      Schema schema = new Schema.Parser().parse(testCase.get("schema").toString());
      GenericRecord datum = new GenericDatumReader<GenericRecord>(schema)
          .read(null, DecoderFactory.get().jsonDecoder(schema, testCase.get("avroJson").toString()));
      ByteBuffer message = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(datum);
      byte[] bytes = new byte[message.remaining()];
      message.get(bytes);
      datums.addObject().put("name", testCase.get("name").asText()).put("singleObject", HEX.formatHex(bytes));
    }
    mapper.writerWithDefaultPrettyPrinter().writeValue(System.out, output);
  }

  private static String unsignedHex(long fingerprint) {
    return String.format("%016x", fingerprint);
  }

  private static String littleEndianHex(long fingerprint) {
    return HEX.formatHex(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array());
  }
}
