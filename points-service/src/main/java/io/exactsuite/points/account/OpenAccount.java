package io.exactsuite.points.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record OpenAccount(@NotBlank @Size(max = 255) String ownerId) {
}
