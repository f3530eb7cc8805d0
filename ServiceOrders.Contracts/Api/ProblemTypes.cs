using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Registry;

namespace ServiceOrders.Contracts.Api;

/// <summary>
/// The <c>type</c> of the RFC 9457 problem details (<c>application/problem+json</c>) the HTTP API answers errors with.
/// The API names no problem types of its own: <c>type</c> is the RFC 9110 section of the status code, so a client
/// tells problems apart by status, then by <see cref="ProblemTitles">title</see>, then by the <c>code</c> of each
/// entry in <see cref="ErrorsMember"/>. <c>detail</c> is for people: its wording may change.
/// </summary>
public static class ProblemTypes
{
    /// <summary>400: the body, a parameter or an id is malformed or invalid.</summary>
    public const string BadRequest = "https://tools.ietf.org/html/rfc9110#section-15.5.1";

    /// <summary>401: no valid API key or token (the standalone host; see the README's "Security").</summary>
    public const string Unauthorized = "https://tools.ietf.org/html/rfc9110#section-15.5.2";

    /// <summary>404: no such order, activity, command, service point or subscription.</summary>
    public const string NotFound = "https://tools.ietf.org/html/rfc9110#section-15.5.5";

    /// <summary>405: the route does not take this method (answered by the framework).</summary>
    public const string MethodNotAllowed = "https://tools.ietf.org/html/rfc9110#section-15.5.6";

    /// <summary>409: the order has ended, or is not in the phase the call needs.</summary>
    public const string Conflict = "https://tools.ietf.org/html/rfc9110#section-15.5.10";

    /// <summary>413: the body is over its route's limit (64 KiB for JSON, 16 KiB for subscriptions, 10 MiB or 100,000 rows for a registry file).</summary>
    public const string ContentTooLarge = "https://tools.ietf.org/html/rfc9110#section-15.5.14";

    /// <summary>415: the body is not JSON (or, for a registry import, not <c>text/csv</c> in UTF-8).</summary>
    public const string UnsupportedMediaType = "https://tools.ietf.org/html/rfc9110#section-15.5.16";

    /// <summary>
    /// The extension member of a 400 that lists every error found: an array of <see cref="ValidationError"/>
    /// (<c>code</c>, <c>field</c>, <c>message</c>), or of <see cref="RegistryRowError"/> (with <c>line</c>) for a registry
    /// file. Present only on the titles that say so in <see cref="ProblemTitles"/>.
    /// </summary>
    public const string ErrorsMember = "errors";

    /// <summary>The extension member of a refused registry file: how many errors the file has, of which <see cref="ErrorsMember"/> lists the first 1,000.</summary>
    public const string ErrorCountMember = "errorCount";

    /// <summary>On a <c>409</c> for a request id in use: the id of the order that has it.</summary>
    public const string OrderIdMember = "orderId";

    /// <summary>On a <c>409</c> for a request id in use: where that order's status is.</summary>
    public const string StatusUrlMember = "statusUrl";

    /// <summary>On a <c>409</c> for a request id in use: the request's fields (JSON names) whose content differs from that order's request.</summary>
    public const string DifferingFieldsMember = "differingFields";

    /// <summary>On a <c>403</c> <see cref="ProblemTitles.RoleRequired"/>: the role the route needs.</summary>
    public const string RequiredRoleMember = "requiredRole";
}

/// <summary>The <c>title</c> of each problem the HTTP API answers, by status. Titles are stable; a client may branch on them.</summary>
public static class ProblemTitles
{
    /// <summary>
    /// 400 with <see cref="ProblemTypes.ErrorsMember"/>: a request (<c>POST /api/orders</c>), service point, order list
    /// query or subscription failed validation; codes in <see cref="ProblemErrorCodes"/>. Also 400 without
    /// <c>errors</c> when a text field of a cancel, update or operator action is missing, too long or has control
    /// characters (<c>detail</c> names the field).
    /// </summary>
    public const string InvalidRequest = "Invalid request";

    /// <summary>400 with <see cref="ProblemTypes.ErrorsMember"/>: a crew completion says what cannot be true.</summary>
    public const string InvalidCompletion = "Invalid completion";

    /// <summary>400 with <see cref="ProblemTypes.ErrorsMember"/>: a head-end result says what cannot be true.</summary>
    public const string InvalidCommandResult = "Invalid command result";

    /// <summary>
    /// 400: an operator action that is unknown, a <c>RecordDone</c> without a <c>Completed</c> completion, or (with
    /// <see cref="ProblemTypes.ErrorsMember"/>) a completion that fails validation.
    /// </summary>
    public const string InvalidAction = "Invalid action";

    /// <summary>400: an order update whose <c>requestedDate</c> lies more than a year back or two years ahead.</summary>
    public const string InvalidUpdate = "Invalid update";

    /// <summary>400: the order id in the route is not 1 to 64 letters, digits, '-' or '_'.</summary>
    public const string InvalidOrderId = "Invalid order id";

    /// <summary>400: the service point id in the route is not 1 to 64 letters, digits, '-' or '_'.</summary>
    public const string InvalidServicePointId = "Invalid service point id";

    /// <summary>400: a JSON route got no body; <c>detail</c> says what to send.</summary>
    public const string EmptyBody = "Empty body";

    /// <summary>400: the body is not valid JSON for the route, lacks a required field, has a value of the wrong type or an unknown enum name, or repeats a property.</summary>
    public const string MalformedRequest = "Malformed request";

    /// <summary>
    /// 400: a registry file that is not UTF-8, or (with <see cref="ProblemTypes.ErrorsMember"/> and
    /// <see cref="ProblemTypes.ErrorCountMember"/>) has errors; nothing was imported.
    /// </summary>
    public const string InvalidRegistryFile = "Invalid registry file";

    /// <summary>401: no valid credentials; the <c>WWW-Authenticate</c> header names each way in.</summary>
    public const string Unauthorized = "Unauthorized";

    /// <summary>403 with <see cref="ProblemTypes.RequiredRoleMember"/>: the caller lacks the role the route needs.</summary>
    public const string RoleRequired = "Role required";

    /// <summary>403: a delegating key (the console) without the person it acts for in <see cref="ConsoleRoles.ActorHeader"/>.</summary>
    public const string ActorRequired = "Actor required";

    /// <summary>403: the proposer of a bulk action tried to approve it; another Approver must.</summary>
    public const string SecondPersonRequired = "Second person required";

    /// <summary>400: a person changed an order without a reason from <c>AuditReasons</c>, or with an unknown one.</summary>
    public const string ReasonRequired = "Reason required";

    /// <summary>400: a bulk action's selection is empty, contradictory or selects more than 5,000 orders.</summary>
    public const string InvalidSelection = "Invalid selection";

    /// <summary>404: no bulk action has this id.</summary>
    public const string BulkActionNotFound = "Bulk action not found";

    /// <summary>409: the bulk action has been decided already (approved, refused, or it needed no approval).</summary>
    public const string AlreadyDecided = "Already decided";

    /// <summary>404: the event was never sent to the subscription, or not kept for redelivery.</summary>
    public const string DeliveryNotFound = "Delivery not found";

    /// <summary>409: the event's delivery to the subscription is still trying; a redelivery waits until it has ended.</summary>
    public const string DeliveryUnderWay = "Delivery under way";

    /// <summary>404: the order has no entry on the exceptions list to assign.</summary>
    public const string ExceptionNotFound = "Exception not found";

    /// <summary>404: <c>GET</c> or a change to an order that does not exist.</summary>
    public const string OrderNotFound = "Order not found";

    /// <summary>404: the service point is not registered.</summary>
    public const string ServicePointNotFound = "Service point not found";

    /// <summary>404: a crew completion or head-end result for an activity or command no order has.</summary>
    public const string UnknownActivity = "Unknown activity";

    /// <summary>404: no webhook subscription has this id.</summary>
    public const string SubscriptionNotFound = "Subscription not found";

    /// <summary>409: the order has ended; its activities are closed and it takes no more changes.</summary>
    public const string OrderHasEnded = "Order has ended";

    /// <summary>A request under a request id that an earlier request with other content uses (<c>409</c>).</summary>
    public const string RequestIdInUse = "Request id in use";

    /// <summary>409: a crew or head-end answered an activity again with another outcome; the answer was not applied and waits for a person.</summary>
    public const string ConflictingAnswer = "Conflicting answer";

    /// <summary>404: the activity has no answer conflict on the exceptions list.</summary>
    public const string AnswerConflictNotFound = "Answer conflict not found";

    /// <summary>409: the order is not in the phase the call needs (an update needs <c>WaitingForServiceDate</c>, an operator action <c>Exception</c>).</summary>
    public const string NotPossibleNow = "Not possible now";

    /// <summary>413: a JSON body over its route's limit.</summary>
    public const string BodyTooLarge = "Body too large";

    /// <summary>413: a registry file over 10 MiB or 100,000 rows.</summary>
    public const string FileTooLarge = "File too large";

    /// <summary>415: the body's media type is not the route's, as the product's body reader says it.</summary>
    public const string UnsupportedMediaType = "Unsupported media type";

    /// <summary>
    /// 415 as the framework says it, before the product reads the body: the standalone host declares the media type of
    /// each route (JSON, or <c>text/csv</c> for the registry import), so there a body of another type gets this title
    /// (capitalized) rather than <see cref="UnsupportedMediaType"/>, which it still answers for a CSV file not in UTF-8.
    /// Compare titles without regard to case, or go by the status.
    /// </summary>
    public const string MediaTypeNotAccepted = "Unsupported Media Type";

    /// <summary>404 from the framework: no route matches the address.</summary>
    public const string RouteNotFound = "Not Found";

    /// <summary>405 from the framework: the route does not take the method.</summary>
    public const string MethodNotAllowed = "Method Not Allowed";
}

/// <summary>
/// The <c>code</c> of each entry of <see cref="ProblemTypes.ErrorsMember"/> in a 400 answer of the HTTP API. A
/// registry file's errors also use the codes of <see cref="RegistryErrorCodes"/>.
/// </summary>
public static class ProblemErrorCodes
{
    /// <summary>A required field is missing or empty.</summary>
    public const string MissingField = ReasonCodes.MissingField;

    /// <summary>A value outside what the field allows (an unknown enum value, a too long or control-character text, a bad number or date format, a parameter given twice).</summary>
    public const string InvalidValue = ReasonCodes.InvalidValue;

    /// <summary>An id that is not 1 to 64 letters, digits, '-' or '_' starting with a letter or digit, or a body id that differs from the route's.</summary>
    public const string InvalidId = ReasonCodes.InvalidId;

    /// <summary>A request type the product does not carry out.</summary>
    public const string UnsupportedRequestType = ReasonCodes.UnsupportedRequestType;

    /// <summary>A date out of its allowed range (a requested date beyond one year back or two ahead; an order list range that is reversed, over 93 days, or over 100 years from now).</summary>
    public const string DateOutOfRange = ReasonCodes.DateOutOfRange;

    /// <summary>A subscription names an event type that is not one of the notification types or <c>*</c>.</summary>
    public const string UnknownEventType = "UnknownEventType";
}
