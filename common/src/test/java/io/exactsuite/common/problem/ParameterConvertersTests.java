package io.exactsuite.common.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import java.lang.annotation.Annotation;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterConvertersTests {

    enum Colour { RED, GREEN }

    private final ParameterConverters converters = new ParameterConverters();

    @SuppressWarnings("unused")
    void endpoint(@QueryParam("page") int page, @PathParam("id") UUID id, @QueryParam("colour") Colour colour,
            @PathParam("date") LocalDate date, @PathParam("n") long n) {
    }

    private <T> ParamConverter<T> converter(Class<T> type, int parameter) throws Exception {
        Annotation[] annotations = getClass().getDeclaredMethod("endpoint", int.class, UUID.class, Colour.class,
                LocalDate.class, long.class).getParameterAnnotations()[parameter];
        return converters.getConverter(type, type, annotations);
    }

    @Test
    void shouldReadWellFormedParameters() throws Exception {
        UUID id = UUID.randomUUID();
        assertThat(converter(int.class, 0).fromString("20")).isEqualTo(20);
        assertThat(converter(UUID.class, 1).fromString(id.toString())).isEqualTo(id);
        assertThat(converter(Colour.class, 2).fromString("GREEN")).isEqualTo(Colour.GREEN);
        assertThat(converter(LocalDate.class, 3).fromString("2027-03-01")).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(converter(long.class, 4).fromString("-7")).isEqualTo(-7L);
    }

    @ParameterizedTest(name = "page=[{0}]")
    @ValueSource(strings = { "abc", "1.5", "", " 1", "2147483648", "1e3", "0x10" })
    void shouldNameAMalformedNumber(String value) throws Exception {
        ParamConverter<Integer> page = converter(int.class, 0);
        assertThatThrownBy(() -> page.fromString(value)).isInstanceOfSatisfying(ParameterConverters.InvalidParameter.class,
                e -> assertThat(e.parameter()).isEqualTo("page"));
    }

    @Test
    void shouldNameMalformedIdsEnumsAndDates() throws Exception {
        assertThatThrownBy(() -> converter(UUID.class, 1).fromString("1-1-1-1-1"))
                .isInstanceOfSatisfying(ParameterConverters.InvalidParameter.class, e -> assertThat(e.parameter()).isEqualTo("id"));
        assertThatThrownBy(() -> converter(Colour.class, 2).fromString("red"))
                .isInstanceOfSatisfying(ParameterConverters.InvalidParameter.class,
                        e -> assertThat(e.expected()).isEqualTo("one of RED, GREEN"));
        for (String date : new String[] { "2027-02-30", "+999999999-12-31", "27-3-1", "2027-03-01T00:00" }) {
            assertThatThrownBy(() -> converter(LocalDate.class, 3).fromString(date))
                    .isInstanceOf(ParameterConverters.InvalidParameter.class);
        }
    }

    @Test
    void shouldLeaveParametersWithoutANameToJaxRs() {
        assertThat(converters.getConverter(UUID.class, UUID.class, new Annotation[0])).isNull();
        assertThat(converters.getConverter(String.class, String.class, new Annotation[0])).isNull();
    }
}
