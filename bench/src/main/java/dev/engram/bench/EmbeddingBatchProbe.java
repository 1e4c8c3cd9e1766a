package dev.engram.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Does batching the ONNX runs speed up embedding? Embeds 128 synthetic English texts of 20–90 words (with the argument
 * {@code short}: 512 texts of 4–10 words) with bge-small-en
 * (quantized) through LangChain4j's {@code embedAll} (one ONNX run per text, spread over a thread pool) and one text at a time, then in padded
 * batches of 8, 16 and 32 texts sorted by length (one ONNX run per batch, CLS pooling, normalised), and prints texts/s
 * and the largest difference to LangChain4j's vectors. Run: {@code ./engram mvn -q -pl bench exec:java
 * -Dexec.mainClass=dev.engram.bench.EmbeddingBatchProbe [-Dexec.args=short]}.
 */
public final class EmbeddingBatchProbe {

    private EmbeddingBatchProbe() {
    }

    public static void main(String[] a) throws Exception {
        var cl = BgeSmallEnV15QuantizedEmbeddingModel.class;
        byte[] model = cl.getResourceAsStream("/bge-small-en-v1.5-q.onnx").readAllBytes();
        var env = OrtEnvironment.getEnvironment();
        var session = env.createSession(model, new OrtSession.SessionOptions());
        var tok = HuggingFaceTokenizer.newInstance(cl.getResourceAsStream("/bge-small-en-v1.5-q-tokenizer.json"), Map.of("padding","false","truncation","true","maxLength","512"));
        List<String> texts = new ArrayList<>(); Random r = new Random(1);
        String[] w = "the quick brown fox jumps over lazy dog I went to the store yesterday and bought some apples with my sister because we wanted pie".split(" ");
        // "short": 512 texts of 4–10 words (about the 44 bytes of the HTTP benchmark's memories), else 128 of 20–90 words
        boolean shortTexts = a.length > 0 && a[0].equals("short");
        int count = shortTexts ? 512 : 128, minWords = shortTexts ? 4 : 20, spread = shortTexts ? 7 : 70;
        for (int i = 0; i < count; i++) { StringBuilder sb = new StringBuilder(); int n = minWords + r.nextInt(spread); for (int j=0;j<n;j++) sb.append(w[r.nextInt(w.length)]).append(' '); texts.add(sb.toString()); }
        var lc = new BgeSmallEnV15QuantizedEmbeddingModel();
        List<TextSegment> segs = texts.stream().map(TextSegment::from).toList();
        lc.embedAll(segs.subList(0,8));
        long t0 = System.nanoTime(); var ref = lc.embedAll(segs).content(); long t1 = System.nanoTime();
        System.out.printf("langchain4j embedAll: %.1f texts/s%n", texts.size()/((t1-t0)/1e9));
        long o0 = System.nanoTime(); for (TextSegment seg : segs) lc.embed(seg); long o1 = System.nanoTime();
        System.out.printf("langchain4j embed, one text at a time (one add's path): %.1f texts/s%n", texts.size()/((o1-o0)/1e9));
        for (int B : new int[]{8, 16, 32}) {
          long s0 = System.nanoTime(); List<float[]> out = new ArrayList<>();
          List<Integer> order = new ArrayList<>(); for (int i=0;i<texts.size();i++) order.add(i);
          order.sort(Comparator.comparingInt(i -> texts.get(i).length()));
          float[][] res = new float[texts.size()][];
          for (int from = 0; from < order.size(); from += B) {
            List<Integer> idx = order.subList(from, Math.min(order.size(), from+B));
            Encoding[] enc = new Encoding[idx.size()]; int L = 0;
            for (int k=0;k<idx.size();k++){ enc[k]=tok.encode(texts.get(idx.get(k))); L=Math.max(L,enc[k].getIds().length);} 
            long[][] ids=new long[idx.size()][L], mask=new long[idx.size()][L], tt=new long[idx.size()][L];
            for (int k=0;k<idx.size();k++){ long[] e=enc[k].getIds(); System.arraycopy(e,0,ids[k],0,e.length); for(int j=0;j<e.length;j++) mask[k][j]=1; }
            try (var i1=OnnxTensor.createTensor(env,ids); var i2=OnnxTensor.createTensor(env,mask); var i3=OnnxTensor.createTensor(env,tt);
                 var result = session.run(Map.of("input_ids",i1,"attention_mask",i2,"token_type_ids",i3))) {
              float[][][] h = (float[][][]) result.get(0).getValue();
              for (int k=0;k<idx.size();k++){ float[] v=h[k][0].clone(); double n=0; for(float x:v)n+=x*x; n=Math.sqrt(n); for(int j=0;j<v.length;j++)v[j]/=n; res[idx.get(k)]=v; }
            }
          }
          long s1 = System.nanoTime();
          double maxDiff=0; for(int i=0;i<texts.size();i++){ float[] x=ref.get(i).vector(); for(int j=0;j<x.length;j++) maxDiff=Math.max(maxDiff,Math.abs(x[j]-res[i][j])); }
          System.out.printf("batch %d: %.1f texts/s, max diff %.5f%n", B, texts.size()/((s1-s0)/1e9), maxDiff);
        }
    }
}
