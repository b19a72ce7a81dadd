using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace FederationKit.Samples.AspNetCore.Security;

/// <summary>
/// Answers a missing or empty required form field with the sample's error page instead of the binder's exception: a form
/// parameter of the endpoint's handler is required when it is neither nullable nor has a default value.
/// </summary>
internal static class RequiredFormFields
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The refusal naming the first missing field, or null when every required field has a value.</summary>
    public static async Task<FederationError?> CheckAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return null;
        }

        IFormCollection? form = null;
        foreach (var parameter in handler.GetParameters())
        {
            var isFile = parameter.ParameterType == typeof(IFormFile);
            var fromForm = parameter.GetCustomAttributes().OfType<IFromFormMetadata>().FirstOrDefault();
            if ((fromForm is null && !isFile) || !IsRequired(parameter))
            {
                continue;
            }

            form ??= context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
            var name = fromForm?.Name ?? parameter.Name!;
            var present = isFile ? form.Files.GetFile(name) is { Length: > 0 } : !string.IsNullOrWhiteSpace(form[name].ToString());
            if (!present)
            {
                return new FederationError(RequestErrorCodes.FieldMissing, $"The form field '{name}' is required: fill it in and submit the form again.")
                    .WithDetail("field", name);
            }
        }

        return null;
    }

    private static bool IsRequired(ParameterInfo parameter)
    {
        if (parameter.HasDefaultValue || Nullable.GetUnderlyingType(parameter.ParameterType) is not null)
        {
            return false;
        }

        return parameter.ParameterType.IsValueType || Nullability.Create(parameter).WriteState != NullabilityState.Nullable;
    }
}
