package dev.engram.client.error;

/** No such memory, event or entity for this key's tenant (404). */
public class NotFoundException extends EngramException {

    public NotFoundException(int status, String type, String title, String detail, String instance) {
        super(status, type, title, detail, instance, null);
    }
}
