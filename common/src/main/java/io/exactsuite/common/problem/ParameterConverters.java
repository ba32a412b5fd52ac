package io.exactsuite.common.problem;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Path and query parameters parsed by us, so a malformed one is a 400 naming the parameter. JAX-RS answers
 * 404 for an unparsable path or query parameter, which tells a client its URL is wrong when a value is.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class ParameterConverters implements ParamConverterProvider {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,19}");
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** A parameter that could not be read; a BadRequestException so JAX-RS passes it on untouched. */
    public static final class InvalidParameter extends BadRequestException {
        private final String parameter;
        private final String expected;

        public InvalidParameter(String parameter, String expected) {
            this.parameter = parameter;
            this.expected = expected;
        }

        public String parameter() {
            return parameter;
        }

        public String expected() {
            return expected;
        }
    }

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, "a UUID", ParameterConverters::uuid, UUID::toString);
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, "a whole number", text -> Math.toIntExact(wholeNumber(text)),
                    String::valueOf);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) converter(name, "a whole number", ParameterConverters::wholeNumber,
                    String::valueOf);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, "a date such as 2027-03-01", ParameterConverters::date,
                    LocalDate::toString);
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            String choices = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            return (ParamConverter<T>) converter(name, "one of " + choices, text -> Enum.valueOf(type, text), Enum::name);
        }
        return null;
    }

    static UUID uuid(String text) {
        if (!CANONICAL_UUID.matcher(text).matches()) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
        return UUID.fromString(text);
    }

    static long wholeNumber(String text) {
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("not a whole number");
        }
        return Long.parseLong(text);
    }

    static LocalDate date(String text) {
        if (!ISO_DATE.matcher(text).matches()) {
            throw new IllegalArgumentException("not yyyy-mm-dd");
        }
        return LocalDate.parse(text);
    }

    private static <V> ParamConverter<V> converter(String name, String expected, Function<String, V> parse,
            Function<V, String> print) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value);
                } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
                    throw new InvalidParameter(name, expected);
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : print.apply(value);
            }
        };
    }

    private static String parameterName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof PathParam path) {
                return path.value();
            }
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
        }
        return null;
    }

}
